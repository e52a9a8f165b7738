import { type MockServer, startMockServer } from '@tidings/mock-server';
import { connectAsync, connect as connectClient, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RedisServer, redisCli, startRedisServer } from './redisServer';

// A kept MQTT session (client id, `clean: false`, QoS 1) on a log shared by two in-process nodes:
// its position (the newest id its client acknowledged) is kept in Redis, so whichever node it
// connects to replays what it missed, and a node that still holds its old session does not send
// again what another node delivered meanwhile.

describe('kept MQTT sessions on a log shared by two nodes', () => {
  let redis: RedisServer;
  let prefix = 0;
  let a: MockServer<true>;
  let b: MockServer<true>;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  async function nodes(authTokens?: string[]) {
    const shared = { port: 0, redis: redis.url, redisPrefix: `mqtt${++prefix}`, authTokens };
    a = await startMockServer(shared);
    b = await startMockServer(shared);
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync()));
    await Promise.all([a?.close(), b?.close()]);
  });

  const clientId = () => `kept-${Math.random().toString(36).slice(2)}`;

  /** Connects `id` to `node`; every message's log id goes to `received`. */
  async function connect(
    node: MockServer<true>,
    id: string,
    received: string[],
    clean = false,
    password?: string,
  ) {
    const client = await connectAsync(`${node.url.replace('http', 'ws')}/mqtt`, {
      clientId: id,
      clean,
      // MQTT sends a password only with a user name.
      ...(password === undefined ? {} : { username: 'app', password }),
      reconnectPeriod: 0,
    });
    clients.push(client);
    client.on('message', (_topic, payload) => received.push(JSON.parse(payload.toString()).id));
    return client;
  }

  async function leave(client: MqttClient) {
    clients.splice(clients.indexOf(client), 1);
    await client.endAsync();
  }

  const position = async (id: string) =>
    (await redisCli(redis.url, 'GET', `mqtt${prefix}:mqtt:${id}`)).trim();
  const publish = async (count: number) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) ids.push((await a.publish({ type: 'notification' })).id);
    return ids;
  };

  it('moves to another node and gets what it missed there, once and in order, then live ones', async () => {
    await nodes();
    const id = clientId();
    const received: string[] = [];
    const first = await connect(a, id, received);
    await first.subscribeAsync('notifications/#', { qos: 1 });
    const before = await publish(2);
    await vi.waitFor(() => expect(received).toEqual(before));
    // Its acks reach Redis after the messages reach it: the position is the newest acknowledged.
    await vi.waitFor(async () => expect(await position(id)).toBe(before.at(-1)));
    await leave(first);

    const missed = await publish(5);
    const second = await connect(b, id, received);
    const subscribing = second.subscribeAsync('notifications/#', { qos: 1 });
    // Published as node b starts its replay: held back, and sent after it, never in the middle.
    const live = await publish(3);
    await subscribing;
    const after = await publish(2);
    await vi.waitFor(() => expect(received).toHaveLength(12));
    expect(received).toEqual([...before, ...missed, ...live, ...after]);
    await vi.waitFor(async () => expect(await position(id)).toBe(after.at(-1)));
  });

  it('back on a node that still holds its old session, gets only what it has not acknowledged', async () => {
    await nodes();
    const id = clientId();
    const received: string[] = [];
    const onA = await connect(a, id, received);
    await onA.subscribeAsync('notifications/#', { qos: 1 });
    const first = await publish(1);
    await vi.waitFor(async () => expect(await position(id)).toBe(first.at(-1)));
    await leave(onA);

    // Node a queues these for its offline session; node b delivers them.
    const second = await publish(2);
    const onB = await connect(b, id, received);
    await onB.subscribeAsync('notifications/#', { qos: 1 });
    await vi.waitFor(async () => expect(await position(id)).toBe(second.at(-1)));
    await leave(onB);

    const third = await publish(2);
    // Node a's session is still there (its subscriptions come back without a SUBSCRIBE), with
    // a queue of all four; only the two node b did not deliver are sent.
    await connect(a, id, received);
    const fourth = await publish(1);
    await vi.waitFor(() => expect(received.at(-1)).toBe(fourth.at(-1)));
    expect(received).toEqual([...first, ...second, ...third, ...fourth]);
  });

  it('subscribed at QoS 0, gets no replay on another node (nothing is queued for it) but live ones', async () => {
    await nodes();
    const id = clientId();
    const received: string[] = [];
    const onA = await connect(a, id, received);
    await onA.subscribeAsync('notifications/#', { qos: 0 });
    const first = await publish(1);
    await vi.waitFor(() => expect(received).toEqual(first));
    await leave(onA);

    await publish(2);
    const onB = await connect(b, id, received);
    await onB.subscribeAsync('notifications/#', { qos: 0 });
    const live = await publish(1);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([...first, ...live]);
  });

  it('a clean session starts over: its position is forgotten on every node', async () => {
    await nodes();
    const id = clientId();
    const received: string[] = [];
    const kept = await connect(a, id, received);
    await kept.subscribeAsync('notifications/#', { qos: 1 });
    const sent = await publish(1);
    await vi.waitFor(async () => expect(await position(id)).toBe(sent.at(-1)));
    await leave(kept);
    await connect(b, id, received, true);
    await vi.waitFor(async () => expect(await position(id)).toBe(''));
  });

  it('a clean CONNECT that is refused (a wrong password) leaves the kept session as it was', async () => {
    await nodes(['good-token']);
    const id = clientId();
    const received: string[] = [];
    const kept = await connect(a, id, received, false, 'good-token');
    await kept.subscribeAsync('notifications/#', { qos: 1 });
    const before = await publish(1);
    await vi.waitFor(async () => expect(await position(id)).toBe(before.at(-1)));
    await leave(kept);
    const missed = await publish(2);

    // Someone else's CONNECT with the same client id: refused, so it must not wipe the session.
    const intruder = connectClient(`${b.url.replace('http', 'ws')}/mqtt`, {
      clientId: id,
      clean: true,
      username: 'app',
      password: 'wrong-token',
      reconnectPeriod: 0,
    });
    const refused = await new Promise<number | undefined>((resolve) =>
      intruder.once('error', (error: Error & { code?: number }) => resolve(error.code)),
    );
    await intruder.endAsync(true);
    expect(refused).toBe(4);

    const back = await connect(b, id, received, false, 'good-token');
    await back.subscribeAsync('notifications/#', { qos: 1 });
    await vi.waitFor(() => expect(received).toEqual([...before, ...missed]));
  });
});
