import {
  createRealtime,
  type RealtimeChannel,
  type TidingsError,
  type TransportSwitch,
} from '@tidings/core';
import { crossTab, crossTabRole } from '@tidings/core/cross-tab';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { type FakeTab, fakeBrowser } from '../shared/fakeTabs';
import { fastReconnect, idOf, stats, wsUrl } from '../shared/mockServerHelpers';

type Note = { id: string; type: string; data: unknown };

interface RealtimeTab {
  tab: FakeTab;
  channel: RealtimeChannel<Note>;
  /** Ids of the notifications this tab received, in order. */
  ids: string[];
  chats: Note[];
  switches: TransportSwitch[];
  errors: TidingsError[];
  /** Bodies this tab's own fetch POSTed to `sendUrl`. */
  posts: unknown[];
}

let server: MockServer;
let browser: ReturnType<typeof fakeBrowser>;
const tabs: RealtimeTab[] = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  // A hostile network: every WebSocket upgrade is refused, so the leading tab falls to SSE.
  server.setNetwork({ refuseUpgrades: true });
  browser = fakeBrowser();
});

afterEach(async () => {
  for (const t of tabs.splice(0)) t.channel.close();
  browser.dispose();
  await server.close();
});

/** One tab of the fake browser with a cross-tab realtime channel over the mock server. */
function openTab(): RealtimeTab {
  const tab = browser.tab();
  const sendUrl = `${server.url}/control/publish`;
  const opened: Omit<RealtimeTab, 'channel'> = {
    tab,
    ids: [],
    chats: [],
    switches: [],
    errors: [],
    posts: [],
  };
  const fetchOf = (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input) === sendUrl && init?.method === 'POST') opened.posts.push(init.body);
    return fetch(input, init);
  };
  const channel = createRealtime<Note>(
    {
      webSocket: wsUrl(server, '/ws'),
      sse: `${server.url}/api/sse`,
      longPoll: `${server.url}/api/long-poll`,
    },
    {
      hub: tab.hub,
      env: {
        ...tab.env,
        fetch: fetchOf as typeof fetch,
        WebSocket: NodeWebSocket as unknown as typeof WebSocket,
      },
      crossTab: crossTab(),
      events: ['notification', 'chat'],
      sseTransport: 'fetch',
      reconnect: fastReconnect,
      // The mock server's publish endpoint appends to the log like a chat frame would.
      sendUrl,
      onMessage: (note) => {
        if (note.type === 'chat') opened.chats.push(note);
        else opened.ids.push(note.id);
      },
      onSwitch: (change) => opened.switches.push(change),
      onError: (error) => opened.errors.push(error),
    },
  );
  channel.connect();
  const full = { ...opened, channel };
  tabs.push(full);
  return full;
}

const leadersOf = (list: RealtimeTab[]) => list.filter((t) => crossTabRole(t.channel)?.leading);

/** What a tab shows of the last switch, its error reduced to what crosses tabs. */
function switchShown(t: RealtimeTab) {
  const switched = t.channel.getState().switched;
  return (
    switched && {
      from: switched.from,
      to: switched.to,
      reason: switched.reason,
      at: switched.at,
      error: switched.error && { kind: switched.error.kind, message: switched.error.message },
    }
  );
}

/** Every tab in `list` is open on SSE under one leader, with the leader's switch and position. */
async function sharedOnSse(list: RealtimeTab[]) {
  await vi.waitFor(
    () => {
      expect(leadersOf(list)).toHaveLength(1);
      const [leader] = leadersOf(list) as [RealtimeTab];
      expect(switchShown(leader)).toMatchObject({
        from: 'webSocket',
        to: 'sse',
        reason: 'refused',
      });
      for (const t of list) {
        expect(t.channel.getState()).toMatchObject({ status: 'open', transport: 'sse' });
        expect(switchShown(t)).toEqual(switchShown(leader));
        expect(t.channel.getState().cursor).toBe(leader.channel.getState().cursor);
      }
      expect(leader.channel.getState().cursor).toBeDefined();
    },
    { timeout: 20_000 },
  );
}

const publish = (count: number) =>
  Array.from({ length: count }, (_, n) => server.publish({ type: 'notification', data: { n } }).id);

describe('createRealtime with crossTab', () => {
  it('the leader falls to SSE; every tab shows its transport and switch, a late tab too, on one connection', async () => {
    const first = [openTab(), openTab(), openTab()];
    await sharedOnSse(first);
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(1));

    // A tab opened after the switch is told the current transport and switch at once.
    const late = openTab();
    const all = [...first, late];
    await sharedOnSse(all);
    // A switch is heard once per tab that saw it happen, never again when another tab joins.
    for (const t of first) expect(t.switches.length).toBeLessThanOrEqual(1);
    expect(late.switches).toEqual([]);

    const sent = publish(100);
    await vi.waitFor(() => {
      for (const t of all) expect(t.ids).toEqual(sent);
    });
    // The server's count settles on its own schedule, as the wait for it above allows.
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(1));
    expect(stats(server, 'ws').connections).toBe(0);
    for (const t of all) expect(t.errors).toEqual([]);
  });

  it("a follower's send runs on the leader: POSTed once, every tab hears it once", async () => {
    const all = [openTab(), openTab(), openTab()];
    await sharedOnSse(all);
    const [leader] = leadersOf(all) as [RealtimeTab];
    const follower = all.find((t) => t !== leader) as RealtimeTab;
    const logged = server.stats().messages;

    const receipt = follower.channel.send({ type: 'chat', data: { text: 'from a follower' } });
    expect(receipt.status).toBe('sent');
    await receipt;
    await vi.waitFor(() => {
      for (const t of all) {
        expect(t.chats.map((chat) => chat.data)).toEqual([{ text: 'from a follower' }]);
      }
    });
    expect(server.stats().messages).toBe(logged + 1);
    const chat = JSON.stringify({ type: 'chat', data: { text: 'from a follower' } });
    expect(all.map((t) => t.posts)).toEqual(all.map((t) => (t === leader ? [chat] : [])));
    expect(idOf(follower.chats[0])).toMatch(/^\d+$/);
  });

  it('the leader closes: another tab leads on SSE with the same switch, nothing lost or repeated', async () => {
    const all = [openTab(), openTab(), openTab()];
    await sharedOnSse(all);
    const [leader] = leadersOf(all) as [RealtimeTab];
    const before = switchShown(leader);
    const upgrades = stats(server, 'ws').requests;

    const sent = publish(50);
    await vi.waitFor(() => {
      for (const t of all) expect(t.ids).toEqual(sent);
    });
    leader.channel.close();
    // Published while no tab may hold the connection: it waits in the log for the next leader.
    sent.push(...publish(50));
    const rest = all.filter((t) => t !== leader);
    await vi.waitFor(() => {
      expect(leadersOf(rest)).toHaveLength(1);
      for (const t of rest) expect(t.ids).toEqual(sent);
    });
    await sharedOnSse(rest);
    // The tab that took over went on with SSE: no WebSocket refused again, no new switch.
    for (const t of rest) expect(switchShown(t)).toEqual(before);
    expect(stats(server, 'ws').requests).toBe(upgrades);
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(1));

    sent.push(...publish(20));
    await vi.waitFor(() => {
      for (const t of rest) expect(t.ids).toEqual(sent);
    });
    for (const t of rest) expect(t.errors).toEqual([]);
  });
});
