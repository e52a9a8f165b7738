import {
  createHub,
  createRealtime,
  type RealtimeChannel,
  type RealtimeTransport,
  type TidingsError,
  type TransportSwitch,
} from '@tidings/core';
import { type HostileNetwork, type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fastReconnect, idOf, wsUrl } from '../shared/mockServerHelpers';

type Note = { id: string; type: string; data: { n: number } };

/** Messages published across every scenario's switches; none may be lost or arrive twice. */
const TOTAL = 2000;

interface Subject {
  channel: RealtimeChannel<Note>;
  ids: string[];
  switches: TransportSwitch[];
  errors: TidingsError[];
  /** Milliseconds from connect() until each transport was first open (a figure, never asserted). */
  openAfter: Partial<Record<RealtimeTransport, number>>;
}

let server: MockServer;
const subjects: Subject[] = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});
afterEach(async () => {
  for (const subject of subjects.splice(0)) subject.channel.close();
  await server.close();
});

/** A realtime channel over all four endpoints of the mock server, with short test timings. */
function open(probeDelay = 60_000): Subject {
  const subject: Omit<Subject, 'channel'> = {
    ids: [],
    switches: [],
    errors: [],
    openAfter: {},
  };
  const channel = createRealtime<Note>(
    {
      webSocket: wsUrl(server, '/ws'),
      sse: `${server.url}/api/sse`,
      longPoll: `${server.url}/api/long-poll`,
    },
    {
      hub: createHub(),
      notify: 'sync',
      env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
      events: ['notification'],
      sseTransport: 'fetch',
      reconnect: fastReconnect,
      pollInterval: 20,
      fallback: { stallTimeout: 1000, cutWindow: 5000, probeDelay, probeMaxDelay: probeDelay },
      onMessage: (note) => subject.ids.push(note.id),
      onSwitch: (change) => subject.switches.push(change),
      onError: (error) => subject.errors.push(error),
    },
  );
  const full = { ...subject, channel };
  subjects.push(full);
  const startedAt = Date.now();
  channel.subscribe(() => {
    const { status, transport } = channel.getState();
    if (status === 'open' && transport && subject.openAfter[transport] === undefined) {
      subject.openAfter[transport] = Date.now() - startedAt;
    }
  });
  channel.connect();
  return full;
}

const publish = (count: number) =>
  Array.from({ length: count }, (_, n) => server.publish({ type: 'notification', data: { n } }).id);

/** Waits until `subject` runs on `transport` and has delivered since it got there. */
async function settledOn(subject: Subject, transport: RealtimeTransport) {
  await vi.waitFor(
    () => {
      expect(subject.channel.getState()).toMatchObject({ transport, status: 'open' });
    },
    { timeout: 20_000, interval: 10 },
  );
}

/** The channel holds a position: messages published from now on are its to receive. */
async function positioned(subject: Subject) {
  await vi.waitFor(() => expect(subject.channel.getState().cursor).toBeDefined(), {
    timeout: 20_000,
    interval: 10,
  });
}

/** Batches of this size stay inside the mock server's log (1000), which long polling resumes from. */
const BATCH = 500;

/**
 * Publishes TOTAL messages in batches: the first once the channel holds a position (a channel
 * starts from "now"), each next one right after the next switch of `path` is seen (while the next
 * transport is still connecting) and once the previous batch arrived; then waits for the transport
 * expected last and for every message.
 */
async function publishAcrossSwitches(subject: Subject, path: RealtimeTransport[]) {
  const sent: string[] = [];
  await positioned(subject);
  for (let batch = 0; sent.length < TOTAL; batch++) {
    const switches = Math.min(batch, path.length - 1);
    await vi.waitFor(
      () => {
        expect(subject.switches.length).toBeGreaterThanOrEqual(switches);
        expect(subject.ids.length).toBeGreaterThanOrEqual(sent.length);
      },
      { timeout: 20_000, interval: 5 },
    );
    sent.push(...publish(Math.min(BATCH, TOTAL - sent.length)));
  }
  await settledOn(subject, path.at(-1) as RealtimeTransport);
  await vi.waitFor(() => expect(subject.ids.length).toBeGreaterThanOrEqual(sent.length), {
    timeout: 20_000,
    interval: 10,
  });
  return sent;
}

/** Loss and duplicates, counted rather than only asserted, so a failure says how many. */
function losses(sent: string[], received: string[]) {
  const seen = new Set(received);
  return {
    lost: sent.filter((id) => !seen.has(id)).length,
    duplicated: received.length - seen.size,
  };
}

const hostile: Array<{
  name: string;
  network: HostileNetwork;
  path: RealtimeTransport[];
  reasons: string[];
}> = [
  { name: 'a friendly network', network: {}, path: ['webSocket'], reasons: [] },
  {
    name: 'added latency on every transport',
    network: { latency: { ws: 200, sse: 200, longPoll: 200 } },
    path: ['webSocket'],
    reasons: [],
  },
  {
    name: 'WebSocket upgrades refused',
    network: { refuseUpgrades: true },
    path: ['webSocket', 'sse'],
    reasons: ['refused'],
  },
  {
    name: 'upgrades refused and SSE buffered',
    network: { refuseUpgrades: true, bufferSse: true },
    path: ['webSocket', 'sse', 'longPoll'],
    reasons: ['refused', 'buffered'],
  },
  {
    name: 'every connection cut after 150 ms',
    network: { cutAfter: 150 },
    path: ['webSocket', 'sse', 'longPoll', 'polling'],
    reasons: ['cut', 'cut', 'cut'],
  },
];

describe('createRealtime against the mock server behind a hostile network', () => {
  for (const { name, network, path, reasons } of hostile) {
    // 2,000 messages through up to four transports: room for a loaded machine, never a bound.
    it(`${name}: ends on ${path.at(-1)}, ${TOTAL} messages, none lost or repeated`, {
      timeout: 60_000,
    }, async ({ annotate }) => {
      server.setNetwork(network);
      const subject = open();
      const sent = await publishAcrossSwitches(subject, path);

      expect(subject.switches.map((change) => [change.from, change.to])).toEqual(
        path.slice(1).map((to, index) => [path[index], to]),
      );
      expect(subject.switches.map((change) => change.reason)).toEqual(reasons);
      expect(losses(sent, subject.ids)).toEqual({ lost: 0, duplicated: 0 });
      expect(subject.ids).toEqual(sent);
      expect(subject.errors.map((error) => error.kind)).not.toContain('reset');
      const { lost, duplicated } = losses(sent, subject.ids);
      await annotate(
        `open on ${path.at(-1)} ${subject.openAfter[path.at(-1) as RealtimeTransport]} ms after connect; ${subject.switches.length} switches; lost ${lost}, duplicated ${duplicated} of ${sent.length}`,
      );
    });
  }

  it('probes upward once the network heals, and the cursor carries across the upgrade', {
    timeout: 60_000,
  }, async () => {
    server.setNetwork({ refuseUpgrades: true });
    const subject = open(200);
    await settledOn(subject, 'sse');
    await positioned(subject);
    const before = publish(TOTAL / 2);
    await vi.waitFor(() => expect(subject.ids).toHaveLength(before.length), { timeout: 20_000 });

    server.setNetwork({});
    await vi.waitFor(() => expect(subject.channel.getState().transport).toBe('webSocket'), {
      timeout: 20_000,
      interval: 10,
    });
    const after = publish(TOTAL / 2);
    await vi.waitFor(() => expect(subject.ids).toHaveLength(TOTAL), { timeout: 20_000 });

    expect(subject.switches.map((change) => change.reason)).toEqual(['refused', 'upgraded']);
    expect(subject.channel.getState().switched).toMatchObject({
      from: 'sse',
      to: 'webSocket',
      reason: 'upgraded',
      error: null,
    });
    expect(subject.ids).toEqual([...before, ...after]);
  });

  it('a probe of a transport that still fails keeps the one in use', {
    timeout: 60_000,
  }, async () => {
    server.setNetwork({ refuseUpgrades: true, bufferSse: true });
    const subject = open(100);
    await settledOn(subject, 'longPoll');
    await positioned(subject);
    const upgradesBefore = server.stats().transports.ws.requests;
    // Two probe rounds: each tries (and is refused on) the WebSocket, then the buffered stream.
    await vi.waitFor(
      () =>
        expect(server.stats().transports.ws.requests).toBeGreaterThanOrEqual(upgradesBefore + 2),
      { timeout: 20_000, interval: 10 },
    );
    const sent = publish(50);
    await vi.waitFor(() => expect(subject.ids).toEqual(sent), { timeout: 20_000 });
    expect(subject.channel.getState().transport).toBe('longPoll');
    expect(subject.switches.map((change) => change.reason)).toEqual(['refused', 'buffered']);
  });

  it('sends over the WebSocket in use; without sendUrl, a transport that cannot send refuses', async () => {
    const subject = open();
    await settledOn(subject, 'webSocket');
    const overSocket = subject.channel.send({ type: 'chat', data: { text: 'over the socket' } });
    expect(overSocket.status).toBe('sent');
    await overSocket;

    // Without sendUrl, SSE cannot carry a send: refused with an `unsent` error.
    server.setNetwork({ refuseUpgrades: true });
    server.drop();
    await vi.waitFor(() => expect(subject.channel.getState().transport).toBe('sse'), {
      timeout: 20_000,
    });
    const refused = subject.channel.send({ type: 'chat', data: { text: 'nowhere' } });
    expect(refused.status).toBe('refused');
    await expect(refused).rejects.toMatchObject({ kind: 'unsent' });
  });

  it('identical channels on one hub share one wire, and each shows the switch', async () => {
    server.setNetwork({ refuseUpgrades: true });
    const hub = createHub();
    const seen: string[][] = [[], []];
    const switches: TransportSwitch[][] = [[], []];
    const make = (index: 0 | 1) =>
      createRealtime<Note>(
        { webSocket: wsUrl(server, '/ws'), sse: `${server.url}/api/sse` },
        {
          hub,
          env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
          events: ['notification'],
          sseTransport: 'fetch',
          reconnect: fastReconnect,
          onMessage: (note) => seen[index]?.push(note.id),
          onSwitch: (change) => switches[index]?.push(change),
        },
      );
    const channels = [make(0), make(1)];
    for (const channel of channels) {
      subjects.push({ channel, ids: [], switches: [], errors: [], openAfter: {} });
      channel.connect();
    }
    expect(hub.keys()).toHaveLength(1);
    await vi.waitFor(() => {
      for (const channel of channels) {
        expect(channel.getState()).toMatchObject({ transport: 'sse', status: 'open' });
        expect(channel.getState().cursor).toBeDefined();
      }
    });
    const sent = publish(20);
    await vi.waitFor(() => expect(seen).toEqual([sent, sent]));
    expect(server.stats().transports.sse.connections).toBe(1);
    expect(switches.map((list) => list.map((change) => change.reason))).toEqual([
      ['refused'],
      ['refused'],
    ]);
  });

  it('a malformed message is a parse error: skipped, the connection stays, the next arrives', async () => {
    const subject = open();
    await settledOn(subject, 'webSocket');
    await positioned(subject);
    server.publish({ type: 'notification', raw: '{not json' });
    const [next] = publish(1);
    await vi.waitFor(() => expect(subject.ids).toEqual([next]));
    expect(subject.errors.map((error) => error.kind)).toEqual(['parse']);
    expect(subject.channel.getState()).toMatchObject({ status: 'open', transport: 'webSocket' });
    expect(subject.switches).toEqual([]);
  });

  it('bad options are a config error, never a throw', () => {
    const errors: TidingsError[] = [];
    const none = createRealtime({}, { hub: createHub(), onError: (error) => errors.push(error) });
    none.connect();
    const badPolicy = createRealtime(
      { longPoll: `${server.url}/api/long-poll` },
      { hub: createHub(), fallback: { cuts: 0 }, onError: (error) => errors.push(error) },
    );
    badPolicy.connect();
    expect(errors.map((error) => [error.kind, error.message])).toEqual([
      ['config', expect.stringContaining('at least one transport')],
      ['config', expect.stringContaining('fallback.cuts')],
    ]);
    expect([none.getState().status, badPolicy.getState().status]).toEqual(['closed', 'closed']);
  });

  it('POSTs sends to sendUrl while the transport in use cannot send', async () => {
    server.setNetwork({ refuseUpgrades: true });
    const received: unknown[] = [];
    const channel = createRealtime<Note>(
      { webSocket: wsUrl(server, '/ws'), sse: `${server.url}/api/sse` },
      {
        hub: createHub(),
        env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
        events: ['chat'],
        sseTransport: 'fetch',
        reconnect: fastReconnect,
        // The mock server's publish endpoint appends to the log like a chat frame would.
        sendUrl: `${server.url}/control/publish`,
        onMessage: (message) => received.push(message),
      },
    );
    subjects.push({ channel, ids: [], switches: [], errors: [], openAfter: {} });
    channel.connect();
    await vi.waitFor(() =>
      expect(channel.getState()).toMatchObject({ transport: 'sse', status: 'open' }),
    );
    const receipt = channel.send({ type: 'chat', data: { text: 'over HTTP' } });
    expect(receipt.status).toBe('sent');
    await receipt;
    await vi.waitFor(() =>
      expect(received).toEqual([
        expect.objectContaining({ type: 'chat', data: { text: 'over HTTP' } }),
      ]),
    );
    expect(idOf(received[0])).toMatch(/^\d+$/);
  });
});
