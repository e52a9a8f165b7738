import {
  type ChannelState,
  createHub,
  createLongPoll,
  createSocketIO,
  createSSE,
  createWebSocket,
  type TidingsError,
} from '@tidings/core';
import { type MockServer, startMockServer, type TransportName } from '@tidings/mock-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { type MockProcess, startMockProcess } from '../chaos/mockProcess';
import { type RedisServer, startRedisServer } from './redisServer';
import { type RoundRobinProxy, startRoundRobinProxy } from './roundRobinProxy';

// Issue 13, item 3: several mock-server processes serve one log kept in Redis, behind a
// round-robin TCP balancer. The node a client is on is killed (SIGKILL: no close frame, no
// goodbye) while messages are published; the client reconnects through the balancer to another
// node, resumes from its cursor there, and gets every message exactly once, in order.

type Note = { id: string; type: string };

interface Subject {
  channel: { getState(): ChannelState<unknown>; close(): void };
  ids: string[];
  errors: TidingsError[];
}

const NODES = 3;
/** Published before the kill, while the node is down, and after the client is back. */
const BATCH = 200;

const messageId = (message: unknown) => (message as Note | null)?.id;

function common(subject: Pick<Subject, 'errors'>) {
  return {
    hub: createHub(),
    notify: 'sync' as const,
    reconnect: { minDelay: 10, maxDelay: 50 },
    onError: (error: TidingsError) => subject.errors.push(error),
  };
}

function subject<TChannel extends Subject['channel'] & { connect(): void }>(
  make: (sink: Pick<Subject, 'ids' | 'errors'>) => TChannel,
): Subject {
  const sink = { ids: [] as string[], errors: [] as TidingsError[] };
  const channel = make(sink);
  channel.connect();
  return { channel, ...sink };
}

const TRANSPORTS: Array<[string, TransportName, (url: string) => Subject]> = [
  [
    'SSE over fetch',
    'sse',
    (url) =>
      subject((sink) =>
        createSSE<Note>(`${url}/api/sse`, {
          ...common(sink),
          transport: 'fetch',
          events: ['notification'],
          onMessage: (note) => sink.ids.push(note.id),
        }),
      ),
  ],
  [
    'long poll',
    'longPoll',
    (url) =>
      subject((sink) =>
        createLongPoll<Note>(`${url}/api/long-poll`, {
          ...common(sink),
          messageId,
          onMessage: (note) => sink.ids.push(note.id),
        }),
      ),
  ],
  [
    'WebSocket',
    'ws',
    (url) =>
      subject((sink) =>
        createWebSocket<Note>(`${url.replace('http', 'ws')}/ws`, {
          ...common(sink),
          messageId,
          env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
          onMessage: (note) => sink.ids.push(note.id),
        }),
      ),
  ],
  [
    'Socket.IO',
    'socketio',
    (url) =>
      subject((sink) =>
        createSocketIO<Note>(url, {
          ...common(sink),
          messageId,
          // HTTP long-polling needs every request of a session on one node (sticky sessions); a
          // round-robin balancer sends each to the next node, so across nodes it is WebSocket.
          transports: ['websocket'],
          events: ['notification'],
          onMessage: ({ args: [note] }) => {
            if (note) sink.ids.push(note.id);
          },
        }),
      ),
  ],
];

/** What each kill cost, per transport: printed with TIDINGS_FIGURES=1 for the docs. */
const figures: Array<Record<string, string | number>> = [];

describe(`${NODES} mock-server nodes on one Redis log, behind a round-robin balancer`, () => {
  let redis: RedisServer;
  let nodes: MockProcess[] = [];
  let proxy: RoundRobinProxy;
  /** A node of its own, never killed, that the test publishes through. */
  let publisher: MockServer<true>;
  const subjects: Subject[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    nodes = await Promise.all(
      Array.from({ length: NODES }, () => startMockProcess({ redis: redis.url })),
    );
    proxy = await startRoundRobinProxy(nodes.map((node) => node.port));
    publisher = await startMockServer({ port: 0, redis: redis.url });
  }, 60_000);

  afterAll(async () => {
    for (const subject of subjects.splice(0)) subject.channel.close();
    await publisher?.close();
    await proxy?.close();
    await Promise.all(nodes.map((node) => node.kill()));
    await redis?.stop();
    if (process.env.TIDINGS_FIGURES) console.table(figures);
  });

  /** The one node holding the client's `transport` connection, by its stats. */
  async function nodeServing(transport: TransportName): Promise<number> {
    let serving = -1;
    await vi.waitFor(
      async () => {
        const open = await Promise.all(
          nodes.map(async (node) => {
            const response = await fetch(`${node.url}/control/stats`).catch(() => undefined);
            if (!response?.ok) return 0;
            const stats = (await response.json()) as {
              transports: Record<TransportName, { connections: number }>;
            };
            return stats.transports[transport].connections;
          }),
        );
        expect(open.filter((count) => count > 0)).toHaveLength(1);
        serving = open.findIndex((count) => count > 0);
      },
      { timeout: 10_000, interval: 20 },
    );
    return serving;
  }

  it.each(TRANSPORTS)(
    '%s: its node is killed mid-stream; it resumes on another node, nothing lost or repeated',
    async (name, transport, open) => {
      const client = open(proxy.url);
      subjects.push(client);
      await vi.waitFor(
        () => {
          expect(client.channel.getState().status).toBe('open');
          expect(client.channel.getState().cursor).toBeDefined();
        },
        { timeout: 10_000 },
      );
      const victimIndex = await nodeServing(transport);
      const victim = nodes[victimIndex] as MockProcess;

      const sent: string[] = [];
      const publish = async (count: number) => {
        for (let n = 0; n < count; n++) {
          sent.push((await publisher.publish({ type: 'notification', data: { n } })).id);
        }
      };

      await publish(BATCH);
      // Killed while the stream is flowing: some of the batch arrived, the rest is in flight.
      await vi.waitFor(() => expect(client.ids.length).toBeGreaterThan(0), { timeout: 10_000 });
      const killedAt = performance.now();
      await victim.kill();
      await publish(BATCH);
      const missedUpTo = sent.at(-1) as string;
      await vi.waitFor(() => expect(client.ids).toContain(missedUpTo), { timeout: 15_000 });
      const resumedMs = performance.now() - killedAt;

      const rescuer = await nodeServing(transport);
      expect(rescuer).not.toBe(victimIndex);
      await publish(BATCH);
      await vi.waitFor(() => expect(client.ids.length).toBeGreaterThanOrEqual(sent.length), {
        timeout: 15_000,
      });

      const received = new Set(client.ids);
      figures.push({
        transport: name,
        published: sent.length,
        lost: sent.filter((id) => !received.has(id)).length,
        duplicated: client.ids.length - received.size,
        'kill to caught up (ms)': Math.round(resumedMs),
      });
      expect(client.ids).toEqual(sent);
      expect(client.errors.map((error) => error.kind)).not.toContain('reset');
      expect(client.channel.getState()).toMatchObject({ status: 'open', cursor: sent.at(-1) });

      client.channel.close();
      // The killed node comes back on its port for the next transport.
      nodes[victimIndex] = await victim.restart();
    },
    60_000,
  );
});
