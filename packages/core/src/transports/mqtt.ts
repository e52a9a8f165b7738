import { createChannel } from '../channel';
import { configError, TidingsError } from '../errors';
import { messageIdKey } from '../messageId';
import { parseFrame } from '../parse';
import type { Channel, ConsumerOptions } from '../types';
import { checkUrl, firstError } from '../validate';
import { wireKey } from '../wireKey';
import type { EnvelopeChannelOptions, EnvelopeConsumerOptions } from './envelope';
import { filterProblem, topicMatches, topicProblem } from './mqttTopics';
import { type MqttMessageId, type MqttModuleLike, MqttWire, type QoS } from './mqttWire';
import { encodeMessage } from './webSocketEncode';

export { topicMatches } from './mqttTopics';
export type { MqttClientLike, MqttMessageId, MqttModuleLike, QoS } from './mqttWire';

/** What an MQTT channel delivers: the parsed payload with where and how it came. */
export interface MqttMessage<TPayload = unknown> {
  topic: string;
  /** The payload text after this consumer's `parse` (JSON by default). */
  payload: TPayload;
  qos: QoS;
  retain: boolean;
}

export interface MqttOptions<TMessage, TData = MqttMessage<TMessage>>
  extends EnvelopeChannelOptions<TMessage, MqttMessage<TMessage>, TData> {
  /** Topic filters this consumer hears (`+` and `#` wildcards); none for a publish-only channel. @default [] */
  topics?: string | string[];
  /** QoS of this consumer's subscriptions, and of `publish()` unless given there. @default 1 */
  qos?: QoS;
  /** Client identifier; giving one turns on the persistent session (`clean: false`). @default a random id from mqtt.js */
  clientId?: string;
  /** Username sent in CONNECT. @default undefined */
  username?: string;
  /** Password sent in CONNECT. @default undefined */
  password?: string;
  /** Start a fresh session. A kept session (`false`) needs a `clientId`. @default false with a clientId, else true */
  clean?: boolean;
  /** MQTT 3.1.1 (4) or 5. @default 4 */
  protocolVersion?: 4 | 5;
  /** MQTT 5: seconds the broker keeps a kept session after a disconnect. @default 3600 when `clean` is false, else 0 */
  sessionExpiryInterval?: number;
  /** Seconds between pings. @default 60 */
  keepalive?: number;
  /**
   * The delivery id of a message (called with the payload, JSON decoded, and `meta.topic`), to
   * drop one the broker delivers twice. QoS and a kept session do the resume; `false` is the same
   * as none. @default none (no dedupe)
   */
  messageId?: MqttMessageId;
  /** The mqtt.js module, or a loader, instead of `import('mqtt')` (tests, custom builds). @default () => import('mqtt') */
  mqtt?: MqttModuleLike | (() => Promise<MqttModuleLike>);
}

export interface MqttPublishOptions {
  /** QoS of this publish. @default the channel's qos */
  qos?: QoS;
  /** Ask the broker to keep it as the topic's retained message. @default false */
  retain?: boolean;
}

export interface MqttChannel<TMessage, TData = MqttMessage<TMessage>>
  extends Channel<MqttMessage<TMessage>, TData> {
  /**
   * Publishes `payload` (strings and bytes as they are, anything else as JSON). Resolves once sent
   * (QoS 0) or acknowledged by the broker (QoS 1, 2). While the connection is not open the
   * message waits (up to 100) and is sent on open; it rejects when the channel closes first, or
   * at once (a `config` TidingsError) when the channel is not connected or the topic is invalid.
   */
  publish(topic: string, payload: unknown, options?: MqttPublishOptions): Promise<void>;
  /** `parse` here, as in the options, applies to the payload. */
  setOptions(
    options:
      | EnvelopeConsumerOptions<TMessage, MqttMessage<TMessage>, TData>
      | ConsumerOptions<MqttMessage<TMessage>, TData>,
  ): void;
}

const SCHEMES = ['ws:', 'wss:', 'mqtt:', 'mqtts:'];

/**
 * MQTT over WebSocket with mqtt.js (an optional peer, loaded on first connect). One client per
 * broker and credentials, however many consumers: each consumer's topic filters are ref-counted on
 * it, and each consumer hears only the topics its own filters match.
 *
 * @example
 * const alerts = createMqtt<Alert>('wss://broker.example/mqtt', {
 *   topics: 'alerts/#',
 *   clientId: 'console-42', // a kept session: QoS 1 messages sent while offline arrive on return
 * });
 * alerts.onMessage(({ topic, payload }) => console.log(topic, payload.title));
 * await alerts.publish('alerts/ack', { id: '7' });
 */
export function createMqtt<TMessage = unknown, TData = MqttMessage<TMessage>>(
  url: string,
  options: MqttOptions<TMessage, TData> = {},
): MqttChannel<TMessage, TData> {
  const filters = options.topics === undefined ? [] : [options.topics].flat();
  const qos = options.qos ?? 1;
  const clean = options.clean ?? options.clientId === undefined;
  const protocolVersion = options.protocolVersion ?? 4;
  const sessionExpiryInterval =
    protocolVersion === 5 ? (options.sessionExpiryInterval ?? (clean ? 0 : 3600)) : undefined;
  const messageId = options.messageId || undefined;
  const loader = options.mqtt;
  const wireOptions = {
    url: String(url),
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean,
    protocolVersion,
    sessionExpiryInterval,
    keepalive: options.keepalive,
    messageId: messageIdKey(options.messageId),
    mqtt: loader,
    reconnect: options.reconnect,
    pauseWhenHidden: options.pauseWhenHidden ?? false,
  };

  const channel = createChannel<MqttMessage<TMessage>, TData, MqttWire>(
    {
      key: wireKey('mqtt', wireOptions),
      validate: () =>
        firstError(
          checkUrl('url', url, SCHEMES),
          ...filters.map((filter) => {
            const problem = filterProblem(filter);
            return problem ? configError(`topics: "${String(filter)}" ${problem}`) : undefined;
          }),
          [0, 1, 2].includes(qos)
            ? undefined
            : configError(`qos must be 0, 1 or 2, got ${String(qos)}`),
          [4, 5].includes(protocolVersion)
            ? undefined
            : configError(`protocolVersion must be 4 or 5, got ${String(protocolVersion)}`),
          !clean && !options.clientId
            ? configError('clean: false (a kept session) needs a clientId')
            : undefined,
        ),
      createWire(env) {
        return new MqttWire(
          {
            url: String(url),
            connectOptions: connectOptions(wireOptions, env.navigator),
            messageId,
            load: () => loadMqtt(loader),
          },
          env,
          {
            reconnect: options.reconnect,
            // Ids stay opaque (no `orderedIds`): brokers let live messages overtake a resumed
            // session's queue, and ids of different topics need not share one order.
            pauseWhenHidden: wireOptions.pauseWhenHidden,
          },
        );
      },
      accepts: (frame) => {
        const topic = frame.meta.topic ?? '';
        return filters.some((filter) => topicMatches(filter, topic));
      },
      attach: (wire) => wire.addFilters(filters, qos),
      toMessage: (frame, parse) => ({
        topic: frame.meta.topic ?? '',
        payload: parseFrame(frame, parse),
        qos: (frame.meta.qos ?? 0) as QoS,
        retain: frame.meta.retain === true,
      }),
    },
    options as never,
  );

  return {
    ...channel,
    setOptions: channel.setOptions as MqttChannel<TMessage, TData>['setOptions'],
    publish(topic, payload, publishOptions = {}) {
      const problem = topicProblem(topic);
      if (problem)
        return Promise.reject(configError(`publish: topic "${String(topic)}" ${problem}`));
      const wire = channel.internals.wire();
      if (!wire?.isRunning) {
        return Promise.reject(
          new TidingsError(
            'config',
            `publish("${topic}") on an MQTT channel that is not connected: call connect() first`,
            { retryable: false },
          ),
        );
      }
      const body =
        payload instanceof Uint8Array
          ? { ok: true as const, data: payload }
          : encodeMessage(payload);
      if (!body.ok) return Promise.reject(body.error);
      return wire.publish(topic, body.data as string | Uint8Array, {
        qos: publishOptions.qos ?? qos,
        retain: publishOptions.retain ?? false,
      });
    },
  };
}

function connectOptions(
  options: {
    clientId: string | undefined;
    username: string | undefined;
    password: string | undefined;
    clean: boolean;
    protocolVersion: 4 | 5;
    sessionExpiryInterval: number | undefined;
    keepalive: number | undefined;
  },
  navigator: { readonly onLine?: boolean; readonly userAgent?: string } | undefined,
): Record<string, unknown> {
  const result: Record<string, unknown> = {
    clean: options.clean,
    protocolVersion: options.protocolVersion,
    // Our Wire owns reconnect and backoff; mqtt.js must not race it with its own.
    reconnectPeriod: 0,
    resubscribe: false,
  };
  if (options.clientId !== undefined) result.clientId = options.clientId;
  if (options.username !== undefined) result.username = options.username;
  if (options.password !== undefined) result.password = options.password;
  if (options.keepalive !== undefined) result.keepalive = options.keepalive;
  if (options.sessionExpiryInterval !== undefined) {
    result.properties = { sessionExpiryInterval: options.sessionExpiryInterval };
  }
  // mqtt.js's browser build keeps time in a Worker, which jsdom and happy-dom lack.
  const hasWorker = typeof (globalThis as { Worker?: unknown }).Worker === 'function';
  if (!hasWorker || /jsdom|happydom/i.test(navigator?.userAgent ?? ''))
    result.timerVariant = 'native';
  return result;
}

async function loadMqtt(loader: MqttOptions<unknown>['mqtt']): Promise<MqttModuleLike> {
  if (loader && typeof loader === 'object') return loader;
  const loaded = (await (loader
    ? loader()
    : import('mqtt'))) as unknown as Partial<MqttModuleLike> & {
    default?: Partial<MqttModuleLike>;
  };
  // The CommonJS build arrives as `default` under some bundlers and Node's ESM interop.
  const connect = loaded.connect ?? loaded.default?.connect;
  if (typeof connect !== 'function') throw new Error('the "mqtt" module has no connect()');
  return { connect: connect.bind(loaded.default ?? loaded) };
}
