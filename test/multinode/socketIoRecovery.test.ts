import { createHub, type TidingsError } from '@tidings/core';
import { createSocketIO } from '@tidings/core/socket-io';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Cluster, startCluster } from './cluster';

// Socket.IO across nodes: a node that drops its clients (a restart, a drained node) saves each
// session in Redis through the Redis Streams adapter, and the node the client reconnects to
// restores it, with every message it missed from the adapter's stream: no replay by cursor.

type Note = { id: string };

describe('Socket.IO connection state recovery across nodes (Redis Streams adapter)', () => {
  let cluster: Cluster;
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    cluster = await startCluster(2);
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await cluster?.close();
  });

  it('a session dropped on one node is recovered on the other, with the 300 messages it missed', async () => {
    const ids: string[] = [];
    const errors: TidingsError[] = [];
    const argCounts = new Set<number>();
    const channel = createSocketIO<Note>(cluster.proxy.url, {
      hub: createHub(),
      notify: 'sync',
      reconnect: { minDelay: 10, maxDelay: 50 },
      messageId: (m) => (m as Note | null)?.id,
      // HTTP long-polling would need sticky sessions behind a round-robin balancer.
      transports: ['websocket'],
      events: ['notification'],
      onMessage: ({ args }) => {
        // The adapter's recovery offset (a Redis Streams entry id) is the library's, not the app's.
        argCounts.add(args.length);
        const [note] = args;
        if (note) ids.push(note.id);
      },
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'), { timeout: 10_000 });
    expect(channel.recovered).toBe(false);
    const first = await cluster.publish(5);
    // The session has an offset to resume from once a live message came.
    await vi.waitFor(() => expect(ids).toEqual(first), { timeout: 10_000 });

    const dropping = await cluster.nodeServing('socketio');
    const other = 1 - dropping;
    const node = cluster.nodes[dropping];
    // Drained: the balancer sends new connections to the other node only.
    cluster.proxy.targets = [cluster.nodes[other]?.port as number];
    const dropped = await fetch(`${node?.url}/control/drop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(dropped.status).toBe(200);
    const missed = await cluster.publish(300);
    await vi.waitFor(() => expect(ids).toHaveLength(305), { timeout: 15_000 });
    expect(await cluster.nodeServing('socketio')).toBe(other);
    expect(channel.recovered).toBe(true);
    expect(ids).toEqual([...first, ...missed]);

    const after = await cluster.publish(5);
    await vi.waitFor(() => expect(ids).toHaveLength(310), { timeout: 10_000 });
    expect(ids).toEqual([...first, ...missed, ...after]);
    expect(errors.map((error) => error.kind)).not.toContain('reset');
    expect([...argCounts]).toEqual([1]);
  });
});
