// The browser half of test/core/realtime.browser.test.ts: bundled and served by the mock server
// itself, it opens a createRealtime channel with the page's own WebSocket, EventSource and fetch,
// and keeps what it sees on `window.realtime`, where the Node side reads it and waits on it.
import { createHub, createRealtime, type RealtimeTransport } from '@tidings/core';

export interface RealtimePageState {
  ids: string[];
  /** `from>to:reason` per switch, in order. */
  switches: string[];
  transport: RealtimeTransport | undefined;
  status: string;
  cursor: string | undefined;
  /** Milliseconds from `open()` to the first open of each transport. */
  openAfter: Partial<Record<RealtimeTransport, number>>;
  errors: string[];
}

declare global {
  interface Window {
    realtime: { state: RealtimePageState; open(): void };
  }
}

const state: RealtimePageState = {
  ids: [],
  switches: [],
  transport: undefined,
  status: 'idle',
  cursor: undefined,
  openAfter: {},
  errors: [],
};

window.realtime = {
  state,
  open() {
    const startedAt = performance.now();
    const channel = createRealtime<{ id: string }>(
      { webSocket: '/ws', sse: '/api/sse', longPoll: '/api/long-poll' },
      {
        hub: createHub(),
        notify: 'sync',
        events: ['notification'],
        reconnect: { minDelay: 10, maxDelay: 50 },
        pollInterval: 20,
        fallback: { stallTimeout: 1000, cutWindow: 5000, probeDelay: 60_000 },
        onMessage: (message) => state.ids.push(message.id),
        onSwitch: (change) => state.switches.push(`${change.from}>${change.to}:${change.reason}`),
        onError: (error) => state.errors.push(`${error.kind}: ${error.message}`),
      },
    );
    channel.subscribe(() => {
      const { transport, status, cursor } = channel.getState();
      Object.assign(state, { transport, status, cursor });
      if (status === 'open' && transport && state.openAfter[transport] === undefined) {
        state.openAfter[transport] = Math.round(performance.now() - startedAt);
      }
    });
  },
};
