import {
  type ChannelState,
  createHub,
  createLongPoll,
  createSocketIO,
  createSSE,
  createWebSocket,
  type TidingsError,
} from '@tidings/core';
import type { TransportName } from '@tidings/mock-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { MockProcess } from '../chaos/mockProcess';
import { type Cluster, startCluster } from './cluster';

// Issue 13, item 3: several mock-server processes serve one log kept in Redis, behind a
// round-robin TCP balancer. The node a client is on is killed (SIGKILL: no close frame, no
// goodbye) while messages are published; the client reconnects through the balancer to another
// node, resumes from its cursor there, and gets every message exactly once, in order.

type Note = { id: string; type: string };

interface Subject {
  channel: {
    getState(): ChannelState<unknown>;
    subscribe(onChange: () => void): () => void;
    close(): void;
  };
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
  let cluster: Cluster;
  const subjects: Subject[] = [];

  beforeAll(async () => {
    cluster = await startCluster(NODES);
  }, 60_000);

  afterAll(async () => {
    for (const subject of subjects.splice(0)) subject.channel.close();
    await cluster?.close();
    if (process.env.TIDINGS_FIGURES) console.table(figures);
  });

  it.each(TRANSPORTS)(
    '%s: its node is killed mid-stream; it resumes on another node, nothing lost or repeated',
    async (name, transport, open) => {
      const { nodes, proxy } = cluster;
      const client = open(proxy.url);
      subjects.push(client);
      await vi.waitFor(
        () => {
          expect(client.channel.getState().status).toBe('open');
          expect(client.channel.getState().cursor).toBeDefined();
        },
        { timeout: 10_000 },
      );
      const victimIndex = await cluster.nodeServing(transport);
      const victim = nodes[victimIndex] as MockProcess;

      const sent: string[] = [];
      const publish = async (count: number) => {
        sent.push(...(await cluster.publish(count)));
      };

      await publish(BATCH);
      // Killed while the stream is flowing: some of the batch arrived, the rest is in flight.
      await vi.waitFor(() => expect(client.ids.length).toBeGreaterThan(0), { timeout: 10_000 });
      const killedAt = performance.now();
      let reopenedMs: number | undefined;
      let wentDown = false;
      const unsubscribe = client.channel.subscribe(() => {
        const { status } = client.channel.getState();
        if (status !== 'open') wentDown = true;
        else if (wentDown) reopenedMs ??= performance.now() - killedAt;
      });
      await victim.kill();
      await publish(BATCH);
      const missedUpTo = sent.at(-1) as string;
      await vi.waitFor(() => expect(client.ids).toContain(missedUpTo), { timeout: 15_000 });
      const resumedMs = performance.now() - killedAt;

      const rescuer = await cluster.nodeServing(transport);
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
        'kill to reopened on another node (ms)': Math.round(reopenedMs ?? Number.NaN),
        'kill to every missed message in (ms)': Math.round(resumedMs),
      });
      unsubscribe();
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
