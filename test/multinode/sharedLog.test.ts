import { type MockServer, startMockServer } from '@tidings/mock-server';
import { connectAsync } from 'mqtt';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { READER_NAME } from '../../packages/mock-server/src/log/redisLog';
import { type RedisServer, redisCli, startRedisServer } from './redisServer';

// The log kept in Redis, seen from two in-process nodes: one id space, cursors valid on every
// node, resets and evictions decided alike everywhere.

type LongPollAnswer = {
  messages: Array<{ id: string; data: unknown }>;
  cursor: string;
  reset?: { reason: string; cursor: string };
};

const longPoll = async (node: MockServer<true>, cursor?: string): Promise<LongPollAnswer> => {
  const query = cursor === undefined ? '' : `?cursor=${cursor}&timeout=0`;
  const response = await fetch(`${node.url}/api/long-poll${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as LongPollAnswer;
};

describe('the log in Redis, shared by two nodes', () => {
  let redis: RedisServer;
  let prefix = 0;
  let a: MockServer<true>;
  let b: MockServer<true>;

  beforeAll(async () => {
    redis = await startRedisServer();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  /** Two nodes on a log of their own (a fresh key prefix), so each test starts empty. */
  async function nodes(options: { firstId?: number } = {}) {
    const shared = { port: 0, redis: redis.url, redisPrefix: `t${++prefix}`, ...options };
    a = await startMockServer(shared);
    b = await startMockServer(shared);
  }
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('issues one sequence of ids whichever node appends, and every node reads them in order', async () => {
    await nodes();
    const sent = [];
    for (let n = 0; n < 10; n++) sent.push(await (n % 2 ? a : b).publish({ type: 'n', data: n }));
    const ids = sent.map((message) => message.id);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(10);
    for (const node of [a, b]) {
      await vi.waitFor(() => expect(node.stats().messages).toBe(10));
    }
    const first = ids[0] as string;
    for (const node of [a, b]) {
      const answer = await longPoll(node, first);
      expect(answer.messages.map((message) => message.id)).toEqual(ids.slice(1));
      expect(answer.messages.map((message) => message.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('a cursor another node issued is resumed even while this node has not read it yet', async () => {
    await nodes();
    await a.publish({ type: 'n' });
    // Every node's log reader loses its connection: until it is back and has read the stream,
    // a node does not hold what another node appends meanwhile.
    const clients = await redisCli(redis.url, 'CLIENT', 'LIST');
    const readers = clients
      .split('\n')
      .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('='))))
      .filter((fields) => fields.name === READER_NAME);
    expect(readers).toHaveLength(2);
    for (const reader of readers) await redisCli(redis.url, 'CLIENT', 'KILL', 'ID', reader.id);
    const message = await a.publish({ type: 'n' });
    // The request waits until this node's reader has read that far, instead of a reset.
    const answer = await longPoll(b, message.id);
    expect(answer.reset).toBeUndefined();
    expect(answer.cursor).toBe(message.id);
    const next = await a.publish({ type: 'n' });
    await vi.waitFor(() => expect(b.stats().messages).toBe(3));
    expect((await longPoll(b, message.id)).messages.map((m) => m.id)).toEqual([next.id]);
  });

  it('a reset on one node empties the log on every node: older cursors get a reset everywhere', async () => {
    await nodes();
    const before = await a.publish({ type: 'n' });
    await b.reset();
    const after = await a.publish({ type: 'n' });
    for (const node of [a, b]) {
      const answer = await longPoll(node, before.id);
      expect(answer.reset?.reason).toBe('cursor-evicted');
      expect(answer.messages.map((message) => message.id)).toEqual([after.id]);
    }
  });

  it('a cursor this log never issued is unknown on every node; a node started later agrees', async () => {
    await nodes({ firstId: 5_000 });
    const message = await a.publish({ type: 'n' });
    expect(message.id).toBe('5000');
    const late = await startMockServer({
      port: 0,
      redis: redis.url,
      redisPrefix: `t${prefix}`,
      // Another boot counter: the log's, fixed by the first node, wins.
      firstId: 9_000,
    });
    try {
      expect((await late.publish({ type: 'n' })).id).toBe('5001');
      for (const node of [a, b, late]) {
        const unknown = await longPoll(node, '42');
        expect(unknown.reset?.reason).toBe('unknown-cursor');
        const ahead = await longPoll(node, '99999');
        expect(ahead.reset?.reason).toBe('unknown-cursor');
      }
    } finally {
      await late.close();
    }
  });

  it('a cursor evicted from the 1,000 newest messages is a reset with the floor, on every node', async () => {
    await nodes();
    const first = await a.publish({ type: 'n' });
    const rest = [];
    for (let n = 0; n < 1000; n++) rest.push(await b.publish({ type: 'n', data: n }));
    const newest = rest.at(-1)?.id as string;
    for (const node of [a, b]) {
      await vi.waitFor(() => expect(node.stats().messages).toBe(1000));
      const answer = await longPoll(node, String(Number(first.id) - 1));
      expect(answer.reset).toEqual({ reason: 'cursor-evicted', cursor: first.id });
      expect(answer.messages).toHaveLength(1000);
      expect(answer.cursor).toBe(newest);
    }
    // A node that joins now loads the same window from Redis and draws the same line.
    const late = await startMockServer({ port: 0, redis: redis.url, redisPrefix: `t${prefix}` });
    try {
      expect(late.stats().messages).toBe(1000);
      const answer = await longPoll(late, String(Number(first.id) - 1));
      expect(answer.reset).toEqual({ reason: 'cursor-evicted', cursor: first.id });
      expect((await longPoll(late, first.id)).messages).toHaveLength(1000);
    } finally {
      await late.close();
    }
  });

  it('a publish through the control API answers with the message once Redis has it', async () => {
    await nodes();
    const response = await fetch(`${a.url}/control/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'notification', data: { title: 'Hi' } }),
    });
    expect(response.status).toBe(201);
    const message = (await response.json()) as { id: string; data: unknown };
    expect(message.data).toEqual({ title: 'Hi' });
    await vi.waitFor(() => expect(b.stats().messages).toBe(1));
    const answer = await longPoll(b);
    expect(answer.cursor).toBe(message.id);
  });

  it('an MQTT client on one node gets what another node appends, live', async () => {
    await nodes();
    const client = await connectAsync(`${b.url.replace('http', 'ws')}/mqtt`, {
      reconnectPeriod: 0,
    });
    try {
      await client.subscribeAsync('notifications/#', { qos: 1 });
      const received: string[] = [];
      client.on('message', (_topic, payload) => received.push(JSON.parse(payload.toString()).id));
      const sent = [
        await a.publish({ type: 'notification' }),
        await a.publish({ type: 'notification' }),
      ];
      await vi.waitFor(() => expect(received).toEqual(sent.map((message) => message.id)));
    } finally {
      await client.endAsync();
    }
  });

  it('chat sent on one node (WebSocket frame, Socket.IO event with ack) is in the log on the other', async () => {
    await nodes();
    const socket = new WebSocket(`${b.url.replace('http', 'ws')}/ws`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'chat', data: { text: 'over ws' } }));
    await vi.waitFor(() => expect(a.stats().messages).toBe(1));
    socket.close();

    const client = io(b.url, { transports: ['websocket'], reconnection: false });
    try {
      const acked = (await client.emitWithAck('chat', { text: 'over socket.io' })) as {
        id: string;
      };
      await vi.waitFor(() => expect(a.stats().messages).toBe(2));
      const answer = await longPoll(a);
      expect(answer.cursor).toBe(acked.id);
      const both = await longPoll(a, String(Number(acked.id) - 2));
      expect(both.messages.map((message) => message.data)).toEqual([
        { text: 'over ws' },
        { text: 'over socket.io' },
      ]);
    } finally {
      client.close();
    }
  });
});
