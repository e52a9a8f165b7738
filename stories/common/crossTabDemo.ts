import { type ChannelState, createPolling, createSSE, type SSEChannel } from '@tidings/core';
import { crossTab, crossTabRole } from '@tidings/core/cross-tab';
import type { MockMessage, MockStats } from './control';
import { endpoints, FAST_RECONNECT } from './endpoints';

/** The BroadcastChannel on which any tab asks the leading one to let go. */
const CLOSE_LEADER = 'tidings-story:close-leader';

/** What the "Open this page in several tabs" story shows, the same in React and Vue. */
export interface CrossTabView {
  state: ChannelState<MockMessage>;
  /** This tab's id in the election; empty until connected. */
  tab: string;
  leading: boolean;
  leader: string;
  /** Open SSE connections the mock server counts (every tab's together). */
  connections: number | undefined;
  /** Whether cross-tab sharing is available here (Web Locks and BroadcastChannel). */
  supported: boolean;
}

/**
 * The story's model, framework-free: one cross-tab SSE stream of notifications, the server's
 * connection count (polled from `/control/stats` by each tab on its own), and a "close the
 * leader" message any tab can send. The leader answers it by closing its channel, which hands
 * the stream over exactly as closing its tab would.
 */
export function createCrossTabDemo() {
  const feed: SSEChannel<MockMessage> = createSSE<MockMessage>(endpoints.sse, {
    crossTab: crossTab(),
    events: ['notification'],
    reconnect: FAST_RECONNECT,
  });
  const serverStats = createPolling<MockStats>('/control/stats', { interval: 1000 });
  const supported = typeof BroadcastChannel !== 'undefined' && 'locks' in navigator;
  let view: CrossTabView | undefined;
  const listeners = new Set<() => void>();

  function changed(): void {
    view = undefined;
    for (const listener of [...listeners]) listener();
  }

  return {
    /** A stable snapshot until something changes (a `useSyncExternalStore` snapshot). */
    view(): CrossTabView {
      if (view) return view;
      const role = crossTabRole(feed);
      view = {
        state: feed.getState(),
        tab: role?.tab ?? '',
        leading: role?.leading ?? false,
        leader: role?.leader ?? '',
        connections: serverStats.getState().data?.transports.sse.connections,
        supported,
      };
      return view;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      const bus = supported ? new BroadcastChannel(CLOSE_LEADER) : undefined;
      if (bus) {
        bus.onmessage = () => {
          if (crossTabRole(feed)?.leading) feed.close();
        };
      }
      // The role can change without a new state (a follower learns who leads): the stats poll,
      // once a second, refreshes the view too.
      const stops = [feed.subscribe(changed), serverStats.subscribe(changed)];
      return () => {
        listeners.delete(listener);
        bus?.close();
        for (const stop of stops) stop();
      };
    },
    /** Asks the leading tab (this one included) to close its channel and hand the stream over. */
    closeLeader(): void {
      if (crossTabRole(feed)?.leading) feed.close();
      else if (supported) {
        const bus = new BroadcastChannel(CLOSE_LEADER);
        bus.postMessage('close');
        bus.close();
      }
    },
    /** Back in the election after this tab closed its channel. */
    rejoin(): void {
      feed.reconnect();
    },
  };
}

export type CrossTabDemo = ReturnType<typeof createCrossTabDemo>;
