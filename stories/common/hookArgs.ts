import type { ArgTypes } from 'storybook/internal/types';
import type { Severity } from './control';
import { FAST_RECONNECT } from './endpoints';

/**
 * The args (controls) of the live hook and composable stories, one definition for the React and
 * Vue Storybooks, so both show the same controls with the same defaults, labels and descriptions.
 * Every control maps to a wire option, so changing one reconnects with the new options.
 */

/** Reconnect delays as story args, so a reader can slow recovery down and watch it. */
export interface ReconnectArgs {
  minDelay: number;
  maxDelay: number;
}

export const reconnectArgs: ReconnectArgs = { ...FAST_RECONNECT };

export const reconnectArgTypes = {
  minDelay: {
    description: '`reconnect.minDelay`: base of the full-jitter backoff, in ms',
    control: { type: 'range', min: 100, max: 5000, step: 100 },
  },
  maxDelay: {
    description: '`reconnect.maxDelay`: cap of the backoff, in ms',
    control: { type: 'range', min: 1000, max: 30000, step: 500 },
  },
} satisfies ArgTypes<ReconnectArgs>;

/** The `reconnect` option from the story's args (the story's other args are ignored). */
export const toReconnect = ({ minDelay, maxDelay }: ReconnectArgs) => ({ minDelay, maxDelay });

export interface PollingArgs extends ReconnectArgs {
  interval: number;
  pauseWhenHidden: boolean;
}

export const pollingArgs: PollingArgs = { interval: 2000, pauseWhenHidden: true, ...reconnectArgs };

export const pollingArgTypes = {
  interval: {
    description: 'Milliseconds between the end of one response and the next request',
    control: { type: 'range', min: 250, max: 10000, step: 250 },
  },
  pauseWhenHidden: { description: 'Stop polling while `document.hidden`', control: 'boolean' },
  ...reconnectArgTypes,
} satisfies ArgTypes<PollingArgs>;

export interface LongPollArgs extends ReconnectArgs {
  timeout: number;
}

export const longPollArgs: LongPollArgs = { timeout: 25000, ...reconnectArgs };

export const longPollArgTypes = {
  timeout: {
    description: 'How long the server holds a request without news (`timeout=` ms)',
    control: { type: 'range', min: 1000, max: 60000, step: 1000 },
  },
  ...reconnectArgTypes,
} satisfies ArgTypes<LongPollArgs>;

export type SSETransport = 'auto' | 'native' | 'polyfill' | 'fetch';

export interface SSEArgs extends ReconnectArgs {
  transport: SSETransport;
}

export const sseArgs: SSEArgs = { transport: 'auto', ...reconnectArgs };

export const sseArgTypes = {
  transport: {
    description:
      'auto: native EventSource for a plain GET; fetch for POST, and the polyfill (when passed) for headers',
    control: 'inline-radio',
    options: ['auto', 'native', 'polyfill', 'fetch'] satisfies SSETransport[],
  },
  ...reconnectArgTypes,
} satisfies ArgTypes<SSEArgs>;

export interface WebSocketArgs extends ReconnectArgs {
  heartbeat: number;
}

export const webSocketArgs: WebSocketArgs = { heartbeat: 0, ...reconnectArgs };

export const webSocketArgTypes = {
  heartbeat: {
    description: 'Ping interval in ms (0: no heartbeat); a pong missing for as long reconnects',
    control: { type: 'range', min: 0, max: 30000, step: 1000 },
  },
  ...reconnectArgTypes,
} satisfies ArgTypes<WebSocketArgs>;

/** Pings `{"type":"ping"}` every `interval` ms; the mock server answers `{"type":"pong"}`. */
export const heartbeatOf = (interval: number) => (interval > 0 ? { interval } : false);

export interface MqttArgs extends ReconnectArgs {
  topics: string;
  qos: 0 | 1;
}

export const mqttArgs: MqttArgs = { topics: 'notifications/#', qos: 1, ...reconnectArgs };

export const mqttArgTypes = {
  topics: { description: 'Topic filter (`+` one level, `#` the rest)', control: 'text' },
  qos: { description: 'Subscription QoS', control: 'inline-radio', options: [0, 1] },
  ...reconnectArgTypes,
} satisfies ArgTypes<MqttArgs>;

export type SeverityFilter = 'all' | Severity;

export interface ModerationArgs {
  severity: SeverityFilter;
}

export const moderationArgs: ModerationArgs = { severity: 'all' };

export const moderationArgTypes = {
  severity: {
    description: 'all: `moderation/alerts/+`; otherwise `moderation/alerts/<severity>`',
    control: 'inline-radio',
    options: ['all', 'low', 'high', 'critical'] satisfies SeverityFilter[],
  },
} satisfies ArgTypes<ModerationArgs>;

/** The MQTT topic filter a severity filter subscribes to (`+`: any one severity). */
export const moderationTopic = (severity: SeverityFilter) =>
  `moderation/alerts/${severity === 'all' ? '+' : severity}`;

export type EngineTransport = 'polling' | 'websocket';

export interface SocketIOArgs extends ReconnectArgs {
  transports: EngineTransport[];
}

export const socketIOArgs: SocketIOArgs = {
  transports: ['polling', 'websocket'],
  ...reconnectArgs,
};

export const socketIOArgTypes = {
  transports: {
    description: 'Engine.IO transports, in order of preference',
    control: 'check',
    options: ['polling', 'websocket'] satisfies EngineTransport[],
  },
  ...reconnectArgTypes,
} satisfies ArgTypes<SocketIOArgs>;
