import {
  type Channel,
  createPolling,
  createSSE,
  createWebSocket,
  type TidingsError,
} from '@tidings/core';
import { crossTabRole } from '@tidings/core/cross-tab';
import { type MockServer, startMockServer, type TransportName } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { CHAOS_TYPE, type ChaosSubject, subjects } from '../chaos/subjects';
import { type FakeTab, fakeBrowser } from '../shared/fakeTabs';
import { stats, wsUrl } from '../shared/mockServerHelpers';

/** The mock server's counter for each subject's transport. */
const counters: Record<string, TransportName> = {
  'long poll': 'longPoll',
  'SSE (fetch)': 'sse',
  'SSE (event-source-polyfill)': 'sse',
  WebSocket: 'ws',
  'Socket.IO': 'socketio',
  'MQTT (kept session, QoS 1)': 'mqtt',
};

let server: MockServer;
let browser: ReturnType<typeof fakeBrowser>;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  browser = fakeBrowser();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  browser.dispose();
  await server.close();
});

interface OpenTab {
  tab: FakeTab;
  channel: Channel<unknown, unknown>;
  received: number[];
  errors: TidingsError[];
}

function openTabs(
  subject: ChaosSubject,
  count: number,
  runId: string,
  extra: Record<string, unknown> = {},
): OpenTab[] {
  return Array.from({ length: count }, () => {
    const tab = browser.tab();
    const received: number[] = [];
    const errors: TidingsError[] = [];
    const channel = subject.open(
      server.url,
      tab.hub,
      { onReceive: (n) => received.push(n), onError: (error) => errors.push(error) },
      runId,
      { ...extra, env: tab.env },
    );
    channel.connect();
    cleanups.push(() => channel.close());
    return { tab, channel, received, errors };
  });
}

const leaderOf = (tabs: OpenTab[]) => tabs.filter((t) => crossTabRole(t.channel)?.leading);

async function publish(from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) server.publish({ type: CHAOS_TYPE, data: { n } });
}

const range = (to: number) => Array.from({ length: to }, (_, n) => n);

describe.each(subjects)('crossTab over $name', (subject) => {
  it('three tabs hold one connection; the leader crashes mid-stream and no tab loses or repeats a message', async () => {
    const transport = counters[subject.name] as TransportName;
    const tabs = openTabs(subject, 3, `crosstab-${Math.random().toString(36).slice(2)}`);
    await vi.waitFor(() => {
      expect(tabs.map((t) => t.channel.getState().status)).toEqual(['open', 'open', 'open']);
      expect(leaderOf(tabs)).toHaveLength(1);
    });
    // Long poll counts a held request as its connection; between two requests it may be 0.
    await vi.waitFor(() => expect(stats(server, transport).connections).toBe(1));
    // Every tab knows the same leader.
    const [leader] = leaderOf(tabs);
    const leaderTab = leader?.tab.id;
    expect(new Set(tabs.map((t) => crossTabRole(t.channel)?.leader)).size).toBe(1);

    await publish(0, 100);
    await vi.waitFor(() => {
      for (const t of tabs) expect(t.received).toHaveLength(100);
    });

    // The leader vanishes without a word: its lock is freed, it posts nothing more, and its one
    // connection (the only one open) is cut as the OS would on a crash, with no goodbye (an MQTT
    // DISCONNECT) and no ack of what was in flight. What is published meanwhile waits in the log.
    leader?.tab.crash();
    server.drop();
    leader?.channel.close();
    await publish(100, 200);
    const rest = tabs.filter((t) => t !== leader);
    await vi.waitFor(() => {
      expect(leaderOf(rest)).toHaveLength(1);
      for (const t of rest) expect(t.received.length).toBeGreaterThanOrEqual(200);
    });
    for (const t of rest) {
      const sorted = subject.keepsOrder ? t.received : [...t.received].sort((a, b) => a - b);
      expect(sorted).toEqual(range(200));
    }
    expect(leaderOf(rest)[0]?.tab.id).not.toBe(leaderTab);
    await vi.waitFor(() => expect(stats(server, transport).connections).toBe(1));
  });
});

const webSocket = subjects.find((s) => s.name === 'WebSocket') as ChaosSubject;
const longPoll = subjects.find((s) => s.name === 'long poll') as ChaosSubject;

describe('crossTab', () => {
  it('without Web Locks (or BroadcastChannel) every tab connects on its own, as before', async () => {
    const tabs = [0, 1, 2].map((i) => {
      const tab = browser.tab(i === 0 ? { locks: undefined } : { BroadcastChannel: undefined });
      const received: number[] = [];
      const channel = webSocket.open(
        server.url,
        tab.hub,
        { onReceive: (n) => received.push(n), onError: () => {} },
        'no-locks',
        { env: tab.env },
      );
      channel.connect();
      cleanups.push(() => channel.close());
      return { channel, received };
    });
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(3));
    for (const { channel } of tabs) expect(crossTabRole(channel)).toBeUndefined();
    await publish(0, 5);
    await vi.waitFor(() => {
      for (const t of tabs) expect(t.received).toEqual(range(5));
    });
  });

  it('with orderedIds, followers keep every frame: the cursor reaches them after its frame', async () => {
    const tabs = openTabs(webSocket, 3, 'ordered', { orderedIds: true });
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    await publish(0, 50);
    await vi.waitFor(() => {
      for (const t of tabs) expect(t.received).toEqual(range(50));
    });
  });

  it('a leader that closes its channel hands over: the others go on, status open, nothing lost', async () => {
    const tabs = openTabs(webSocket, 3, 'handover');
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    const [leader] = leaderOf(tabs);
    const statuses: string[] = [];
    const rest = tabs.filter((t) => t !== leader);
    for (const t of rest) t.channel.subscribe(() => statuses.push(t.channel.getState().status));
    await publish(0, 50);
    leader?.channel.close();
    await publish(50, 100);
    await vi.waitFor(() => {
      expect(leaderOf(rest)).toHaveLength(1);
      for (const t of rest) expect(t.received).toEqual(range(100));
    });
    // A handover never shows `closed` in the tabs that stay.
    expect(statuses).not.toContain('closed');
    for (const t of rest) expect(t.errors).toEqual([]);
  });

  it("a follower's send goes through the leader's socket: the server gets it once, every tab hears it", async () => {
    const tabs = Array.from({ length: 3 }, () => {
      const tab = browser.tab();
      const heard: unknown[] = [];
      const channel = createWebSocket<{ type: string; data: unknown }>(wsUrl(server, '/ws'), {
        hub: tab.hub,
        env: { ...tab.env, WebSocket: NodeWebSocket as unknown as typeof WebSocket },
        onMessage: (message) => {
          if (message.type === 'chat') heard.push(message.data);
        },
      });
      channel.connect();
      cleanups.push(() => channel.close());
      return { tab, channel, heard };
    });
    await vi.waitFor(() => {
      expect(tabs.map((t) => t.channel.getState().status)).toEqual(['open', 'open', 'open']);
      expect(tabs.filter((t) => crossTabRole(t.channel)?.leading)).toHaveLength(1);
    });
    const follower = tabs.find((t) => !crossTabRole(t.channel)?.leading);
    const receipt = follower?.channel.send({ type: 'chat', data: 'from a follower' });
    expect(receipt?.status).toBe('sent');
    await receipt;
    await vi.waitFor(() => {
      for (const t of tabs) expect(t.heard).toEqual(['from a follower']);
    });
    expect(server.stats().messages).toBe(1);
    // The server's count settles on its own schedule (a leader replaced on a loaded machine closes
    // its socket), as the waits for it above in this file allow.
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(1));
  });

  it('a send right after connecting, before the lock is granted, is sent once by the tab that then leads', async () => {
    const tab = browser.tab();
    const chats: unknown[] = [];
    const channel = createWebSocket<{ type: string; data: unknown }>(wsUrl(server, '/ws'), {
      hub: tab.hub,
      env: { ...tab.env, WebSocket: NodeWebSocket as unknown as typeof WebSocket },
      onMessage: (message) => {
        if (message.type === 'chat') chats.push(message.data);
      },
    });
    channel.connect();
    cleanups.push(() => channel.close());
    const receipt = channel.send({ type: 'chat', data: 'at once' });
    expect(receipt.status).toBe('queued');
    await receipt;
    await vi.waitFor(() => expect(chats).toEqual(['at once']));
    expect(server.stats().messages).toBe(1);
    expect(crossTabRole(channel)?.leading).toBe(true);
  });

  it('a refusal for good reaches every tab with the same error and status', async () => {
    const tabs = openTabs(webSocket, 3, 'refused');
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    server.setFaults({ closeCode: 4401 });
    server.drop();
    await vi.waitFor(() => {
      expect(tabs.map((t) => t.channel.getState().status)).toEqual(['closed', 'closed', 'closed']);
    });
    const [first] = tabs;
    for (const t of tabs) {
      expect(t.channel.getState().error?.kind).toBe('auth');
      expect(t.channel.getState().error?.message).toBe(first?.channel.getState().error?.message);
    }
  });

  it('a frozen leader (alive, holding its lock, silent) is replaced by a tab that steals the lock', async () => {
    const tabs = openTabs(webSocket, 2, 'frozen');
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    const [leader] = leaderOf(tabs);
    const other = tabs.find((t) => t !== leader) as OpenTab;
    await publish(0, 20);
    await vi.waitFor(() => expect(other.received).toHaveLength(20));
    leader?.tab.freeze();
    await publish(20, 40);
    // The frozen tab's lock is still held; only the silence (staleMs: 1500) tells the other.
    await vi.waitFor(() => {
      expect(crossTabRole(other.channel)?.leading).toBe(true);
      expect(other.received).toEqual(range(40));
    });
  });

  it('a leader that was stuck while another took over is replayed what it missed once it runs again', async () => {
    const tabs = openTabs(webSocket, 2, 'stuck');
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    const [stuck] = leaderOf(tabs) as [OpenTab];
    const other = tabs.find((t) => t !== stuck) as OpenTab;
    await publish(0, 10);
    await vi.waitFor(() => expect(other.received).toEqual(range(10)));
    stuck.tab.freeze();
    // Its own socket is gone too: what it missed can only come from the other tab.
    server.drop();
    await vi.waitFor(() => expect(crossTabRole(other.channel)?.leading).toBe(true));
    await publish(10, 30);
    await vi.waitFor(() => expect(other.received).toEqual(range(30)));
    stuck.tab.thaw();
    await vi.waitFor(() => expect(stuck.received).toEqual(range(30)));
    expect(crossTabRole(stuck.channel)?.leading).toBe(false);
    expect(stuck.errors.filter((e) => e.kind === 'reset')).toEqual([]);
  });

  it('a tab further behind than the leader remembers gets a reset error, then goes on', async () => {
    const tabs = openTabs(webSocket, 2, 'gap');
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    const [stuck] = leaderOf(tabs) as [OpenTab];
    const other = tabs.find((t) => t !== stuck) as OpenTab;
    await publish(0, 10);
    await vi.waitFor(() => expect(other.received).toEqual(range(10)));
    stuck.tab.freeze();
    server.drop();
    await vi.waitFor(() => expect(crossTabRole(other.channel)?.leading).toBe(true));
    // More than the 1,000 frames a tab remembers, in steps: the mock server's log holds 1,000
    // too, and must not evict what the new leader has yet to read.
    for (let from = 10; from < 1100; from += 100) {
      const to = Math.min(from + 100, 1100);
      await publish(from, to);
      await vi.waitFor(() => expect(other.received).toHaveLength(to));
    }
    expect(other.received).toEqual(range(1100));
    stuck.tab.thaw();
    await vi.waitFor(() => expect(stuck.errors.map((e) => e.kind)).toContain('reset'));
    await publish(1100, 1101);
    await vi.waitFor(() => expect(stuck.received.at(-1)).toBe(1100));
    expect(new Set(stuck.received).size).toBe(stuck.received.length);
  });

  it('a wire that pauses while hidden is led by a visible tab: a hidden leader hands over', async () => {
    const tabs = openTabs(longPoll, 2, 'hidden');
    await vi.waitFor(() => expect(leaderOf(tabs)).toHaveLength(1));
    const [leader] = leaderOf(tabs);
    const other = tabs.find((t) => t !== leader) as OpenTab;
    leader?.tab.setHidden(true);
    await vi.waitFor(() => expect(crossTabRole(other.channel)?.leading).toBe(true));
    await publish(0, 10);
    await vi.waitFor(() => expect(other.received).toEqual(range(10)));
    // The hidden tab rests, then catches up from what was relayed while it was hidden.
    leader?.tab.setHidden(false);
    await vi.waitFor(() => expect(leader?.received).toEqual(range(10)));
    expect(crossTabRole(other.channel)?.leading).toBe(true);
  });

  it("short polling: only the leading tab requests; a follower's refresh() polls on the leader", async () => {
    const tabs = [0, 1, 2].map(() => {
      const tab = browser.tab();
      const requests: string[] = [];
      // Each tab's own fetch, so the test sees which tab asks the server.
      const fetchOf = (input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(String(input));
        return fetch(input, init);
      };
      const channel = createPolling<{ messages: unknown[] }>(`${server.url}/api/notifications`, {
        hub: tab.hub,
        interval: 60_000,
        env: { ...tab.env, fetch: fetchOf as typeof fetch },
      });
      channel.connect();
      cleanups.push(() => channel.close());
      return { channel, requests };
    });
    await vi.waitFor(() => {
      for (const { channel } of tabs) expect(channel.getState().data).toBeDefined();
    });
    const leader = tabs.find((t) => crossTabRole(t.channel)?.leading) as (typeof tabs)[number];
    const follower = tabs.find((t) => t !== leader) as (typeof tabs)[number];
    expect(tabs.map((t) => t.requests.length).sort()).toEqual([0, 0, 1]);
    follower.channel.refresh();
    await vi.waitFor(() => expect(leader.requests).toHaveLength(2));
    expect(tabs.filter((t) => t !== leader).flatMap((t) => t.requests)).toEqual([]);
  });

  it('a request-scoped stream never crosses tabs', async () => {
    const tab = browser.tab();
    const stream = createSSE(`${server.url}/api/chat`, {
      manual: true,
      method: 'POST',
      hub: tab.hub,
      env: tab.env,
    });
    cleanups.push(() => stream.close());
    stream.start({ prompt: 'hi' });
    await vi.waitFor(() => expect(stream.getState().status).toBe('open'));
    expect(stats(server, 'chat').requests).toBe(1);
    expect(crossTabRole(stream)).toBeUndefined();
    expect(browser.locks.held()).toEqual([]);
  });
});
