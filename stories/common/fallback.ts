import type { FallbackPolicy, RealtimeTransport, TransportSwitch } from '@tidings/core';
import type { ArgTypes } from 'storybook/internal/types';
import { type ReconnectArgs, reconnectArgs, reconnectArgTypes } from './hookArgs';

/** The args of the fallback stories, the same in both Storybooks. */
export interface FallbackArgs extends ReconnectArgs {
  stallTimeout: number;
  probeDelay: number;
  cuts: number;
}

export const fallbackArgs: FallbackArgs = {
  stallTimeout: 2000,
  probeDelay: 10_000,
  cuts: 2,
  ...reconnectArgs,
};

export const fallbackArgTypes = {
  stallTimeout: {
    description:
      '`fallback.stallTimeout`: ms an open stream may stay silent before the server is asked whether it is behind (buffered)',
    control: { type: 'range', min: 500, max: 10000, step: 500 },
  },
  probeDelay: {
    description:
      '`fallback.probeDelay`: first wait before the better transports are probed again (doubles per probe)',
    control: { type: 'range', min: 2000, max: 60000, step: 1000 },
  },
  cuts: {
    description: '`fallback.cuts`: connections cut soon after opening, in a row, before falling',
    control: { type: 'range', min: 1, max: 5, step: 1 },
  },
  ...reconnectArgTypes,
} satisfies ArgTypes<FallbackArgs>;

/** The `fallback` option from the story's args (probes wait at most four times the first wait). */
export const toFallback = ({ stallTimeout, probeDelay, cuts }: FallbackArgs): FallbackPolicy => ({
  stallTimeout,
  probeDelay,
  probeMaxDelay: probeDelay * 4,
  cuts,
});

/** The order the stories offer, best first (the default order). */
export const TRANSPORTS: readonly RealtimeTransport[] = ['webSocket', 'sse', 'longPoll', 'polling'];

export const transportLabels: Record<RealtimeTransport, string> = {
  webSocket: 'WebSocket',
  sse: 'Server-Sent Events',
  longPoll: 'Long polling',
  polling: 'Short polling',
};

const reasons: Record<TransportSwitch['reason'], string> = {
  refused: 'refused before it opened',
  buffered: 'opened but delivered nothing while the server was ahead (buffered)',
  cut: 'cut again and again soon after opening',
  unavailable: 'not available here',
  upgraded: 'a probe found it delivers again',
};

/** One switch as a reader says it: `WebSocket → Server-Sent Events: refused before it opened`. */
export function describeSwitch(change: TransportSwitch): string {
  return `${transportLabels[change.from]} → ${transportLabels[change.to]}: ${reasons[change.reason]}`;
}

/** How many switches the stories list, newest last. */
export const SWITCH_HISTORY = 8;
