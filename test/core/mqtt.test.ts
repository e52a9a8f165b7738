import { EventEmitter } from 'node:events';
import { createHub, type TidingsError } from '@tidings/core';
import { createMqtt, type MqttModuleLike } from '@tidings/core/mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** An mqtt.js stand-in: records calls; the test plays the broker by emitting events. */
class FakeClient extends EventEmitter {
  subscribes: Array<Record<string, { qos: number }>> = [];
  unsubscribes: string[][] = [];
  published: Array<{
    topic: string;
    payload: string | Uint8Array;
    options: object;
    ack: (e?: Error) => void;
  }> = [];
  ended = false;
  /** Times tidings reopened this client, and the stores it passed each time. */
  reconnects: Array<{ incomingStore?: unknown; outgoingStore?: unknown }> = [];
  readonly incomingStore = { name: 'incoming' };
  readonly outgoingStore = { name: 'outgoing' };
  /** Dropping the connection closes it, as mqtt.js's stream does. */
  readonly stream = { destroy: () => this.emit('close') };
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  reconnect(stores: { incomingStore?: unknown; outgoingStore?: unknown }) {
    this.reconnects.push(stores);
  }
  subscribe(
    filters: Record<string, { qos: number }>,
    cb: (e: null, g: Array<{ topic: string; qos: number }>) => void,
  ) {
    this.subscribes.push(filters);
    cb(
      null,
      Object.entries(filters).map(([topic, { qos }]) => ({ topic, qos })),
    );
  }
  unsubscribe(filters: string[]) {
    this.unsubscribes.push(filters);
  }
  publish(topic: string, payload: string | Uint8Array, options: object, ack: (e?: Error) => void) {
    this.published.push({ topic, payload, options, ack });
  }
  end() {
    this.ended = true;
  }
  deliver(topic: string, payload: string, qos = 1) {
    this.emit('message', topic, Buffer.from(payload), { qos, retain: false });
  }
}

function fakeMqtt() {
  const clients: FakeClient[] = [];
  const module: MqttModuleLike = {
    connect: vi.fn((_url: string, options: Record<string, unknown>) => {
      const client = new FakeClient(options);
      clients.push(client);
      return client;
    }),
  };
  return {
    module,
    clients,
    get last() {
      const client = clients.at(-1);
      if (!client) throw new Error('no client');
      return client;
    },
  };
}

const URL = 'ws://broker.test/mqtt';
const msg = (id: number) => JSON.stringify({ id: String(id), type: 't' });

describe('createMqtt (fake client)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shares one client, ref-counts filters and delivers to matching consumers only', async () => {
    const mqtt = fakeMqtt();
    const hub = createHub();
    const common = { hub, mqtt: mqtt.module, notify: 'sync' as const };
    const a = createMqtt(URL, { ...common, topics: 'notifications/#' });
    const b = createMqtt(URL, { ...common, topics: ['alerts/+', 'notifications/#'] });
    const gotA: string[] = [];
    const gotB: string[] = [];
    a.onMessage((m) => gotA.push(m.topic));
    b.onMessage((m) => gotB.push(m.topic));
    a.connect();
    b.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(mqtt.clients).toHaveLength(1);
    const client = mqtt.last;
    expect(client.options).toMatchObject({ reconnectPeriod: 0, clean: true, protocolVersion: 4 });
    client.emit('connect', { sessionPresent: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(a.getState().status).toBe('open');
    expect(client.subscribes).toEqual([{ 'notifications/#': { qos: 1 }, 'alerts/+': { qos: 1 } }]);

    client.deliver('notifications/x', msg(1));
    client.deliver('alerts/fire', msg(2));
    client.deliver('other', msg(3));
    expect(gotA).toEqual(['notifications/x']);
    expect(gotB).toEqual(['notifications/x', 'alerts/fire']);
    expect(b.getState().data).toEqual({
      topic: 'alerts/fire',
      payload: { id: '2', type: 't' },
      qos: 1,
      retain: false,
    });

    b.close();
    await vi.advanceTimersByTimeAsync(0);
    // `notifications/#` is still a's; only `alerts/+` lost its last consumer.
    expect(client.unsubscribes).toEqual([['alerts/+']]);
    a.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.ended).toBe(true);
  });

  it('resubscribes after a reconnect only when the broker kept no session', async () => {
    const mqtt = fakeMqtt();
    const channel = createMqtt(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      topics: 'n/#',
      clientId: 'me',
      reconnect: { minDelay: 10, maxDelay: 10 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(mqtt.last.options).toMatchObject({ clean: false, clientId: 'me' });
    mqtt.last.emit('connect', { sessionPresent: false });
    mqtt.last.emit('close');
    await vi.advanceTimersByTimeAsync(10);
    // One client per wire: reopened with its own stores, so in-flight publishes survive.
    expect(mqtt.clients).toHaveLength(1);
    expect(mqtt.last.reconnects).toEqual([
      { incomingStore: mqtt.last.incomingStore, outgoingStore: mqtt.last.outgoingStore },
    ]);
    mqtt.last.subscribes = [];
    mqtt.last.emit('connect', { sessionPresent: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(mqtt.last.subscribes).toEqual([]);
    expect(channel.getState().status).toBe('open');
    mqtt.last.emit('close');
    await vi.advanceTimersByTimeAsync(10);
    expect(mqtt.last.reconnects).toHaveLength(2);
    mqtt.last.emit('connect', { sessionPresent: false });
    expect(mqtt.last.subscribes).toEqual([{ 'n/#': { qos: 1 } }]);
    channel.close();
  });

  it('drops a redelivered message by id and keeps parse per payload', async () => {
    const mqtt = fakeMqtt();
    const errors: string[] = [];
    const channel = createMqtt<string>(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      topics: '#',
      parse: 'text',
      messageId: (m) => (m as { id?: string }).id,
      onError: (e) => errors.push(e.kind),
    });
    const seen: string[] = [];
    channel.onMessage((m) => seen.push(m.payload));
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    mqtt.last.emit('connect', { sessionPresent: false });
    mqtt.last.deliver('a', msg(1));
    mqtt.last.deliver('a', msg(1));
    mqtt.last.deliver('a', 'not json');
    expect(seen).toEqual([msg(1), 'not json']);
    expect(errors).toEqual([]);
    expect(channel.getState().cursor).toBe('1');
    channel.close();
  });

  it('delivers a queued message that a live one overtook after a resume, once', async () => {
    const mqtt = fakeMqtt();
    const channel = createMqtt<{ id: string }>(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      topics: '#',
      messageId: (m) => (m as { id: string }).id,
    });
    const seen: string[] = [];
    channel.onMessage((m) => seen.push(m.payload.id));
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    mqtt.last.emit('connect', { sessionPresent: true });
    for (const id of [3, 5, 4, 5, 4]) mqtt.last.deliver('a', msg(id));
    expect(seen).toEqual(['3', '5', '4']);
    // Ids are opaque unless declared ordered: the cursor is the last id delivered.
    expect(channel.getState().cursor).toBe('4');
    channel.close();
  });

  it.each([
    [4, 'Not authorized'],
    [5, 'Bad username or password'],
    [0x86, 'Bad User Name or Password'],
    [0x87, 'Not authorized'],
  ])('stops on connack code %s without retrying (kind auth)', async (code, text) => {
    const mqtt = fakeMqtt();
    const channel = createMqtt(URL, { hub: createHub(), mqtt: mqtt.module, topics: 'a' });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    mqtt.last.emit('error', Object.assign(new Error(`Connection refused: ${text}`), { code }));
    mqtt.last.emit('close');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(mqtt.clients).toHaveLength(1);
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({
      kind: 'auth',
      retryable: false,
      status: code,
    });
  });

  it('queues publishes until open, resolves on ack, resends in flight across a reconnect, reports queued ones unsent on close', async () => {
    const mqtt = fakeMqtt();
    const errors: TidingsError[] = [];
    const channel = createMqtt(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      qos: 1,
      reconnect: { minDelay: 10, maxDelay: 10 },
      onError: (e) => errors.push(e),
    });
    const early = channel.publish('a', 1);
    expect(early.status).toBe('refused');
    await expect(early).rejects.toMatchObject({
      kind: 'unsent',
      messages: [{ topic: 'a', payload: 1 }],
    });
    channel.connect();
    const sent = channel.publish('a/b', { hello: 'world' }, { retain: true });
    expect(sent.status).toBe('queued');
    await expect(channel.publish('a/#', 'x')).rejects.toMatchObject({ kind: 'config' });
    await vi.advanceTimersByTimeAsync(0);
    expect(mqtt.last.published).toEqual([]);
    mqtt.last.emit('connect', { sessionPresent: false });
    expect(mqtt.last.published).toMatchObject([
      { topic: 'a/b', payload: '{"hello":"world"}', options: { qos: 1, retain: true } },
    ]);
    mqtt.last.published[0]?.ack();
    await expect(sent).resolves.toBeUndefined();
    const unacked = channel.publish('a', 'in flight');
    expect(unacked.status).toBe('sent');
    expect(mqtt.last.published).toHaveLength(2);
    mqtt.last.emit('close');
    await vi.advanceTimersByTimeAsync(10);
    // mqtt.js resends it from the kept store and calls the same callback on the ack.
    mqtt.last.emit('connect', { sessionPresent: true });
    mqtt.last.published[1]?.ack();
    await expect(unacked).resolves.toBeUndefined();
    mqtt.last.emit('close');
    const waiting = channel.publish('a', 'later');
    expect(waiting.status).toBe('queued');
    expect(errors.filter((e) => e.kind === 'unsent')).toEqual([]);
    channel.close();
    await expect(waiting).rejects.toMatchObject({
      kind: 'unsent',
      messages: [{ topic: 'a', payload: 'later' }],
    });
    expect(errors.at(-1)).toMatchObject({
      kind: 'unsent',
      messages: [{ topic: 'a', payload: 'later' }],
    });
  });

  it('reports publishes still unconfirmed when the wire closes for good', async () => {
    const mqtt = fakeMqtt();
    const errors: TidingsError[] = [];
    const channel = createMqtt(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      onError: (e) => errors.push(e),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    mqtt.last.emit('connect', { sessionPresent: false });
    const unconfirmed = channel.publish('a', { n: 1 });
    mqtt.last.emit(
      'error',
      Object.assign(new Error('Connection refused: Not authorized'), { code: 5 }),
    );
    expect(channel.getState().status).toBe('closed');
    const unsent = errors.find((e) => e.kind === 'unsent');
    expect(unsent?.messages).toEqual([{ topic: 'a', payload: { n: 1 } }]);
    expect(unsent?.cause).toMatchObject({ kind: 'auth' });
    await expect(unconfirmed).rejects.toBe(unsent);
  });

  it('a QoS 0 publish mqtt.js could not write before the connection dropped is reported unsent', async () => {
    const mqtt = fakeMqtt();
    const errors: TidingsError[] = [];
    const channel = createMqtt(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      reconnect: { minDelay: 10, maxDelay: 10 },
      onError: (e) => errors.push(e),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    mqtt.last.emit('connect', { sessionPresent: false });
    const volatile = channel.publish('a', 'x', { qos: 0 });
    expect(volatile.status).toBe('sent');
    // mqtt.js fails a QoS 0 publish still unwritten when its stream closes.
    mqtt.last.published[0]?.ack(new Error('Connection closed'));
    await expect(volatile).rejects.toMatchObject({
      kind: 'unsent',
      messages: [{ topic: 'a', payload: 'x' }],
    });
    expect(errors.map((e) => e.kind)).toEqual(['unsent']);
    expect(errors[0]?.cause).toMatchObject({ kind: 'network', message: /Connection closed/ });
    channel.close();
  });

  it('passes the will and other connect options; tidings keeps reconnect to itself', async () => {
    const mqtt = fakeMqtt();
    const channel = createMqtt(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      will: { topic: 'status/me', payload: { online: false }, qos: 1, retain: true },
      connectOptions: { connectTimeout: 5000, reconnectPeriod: 1000 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(mqtt.last.options).toMatchObject({
      will: { topic: 'status/me', payload: '{"online":false}', qos: 1, retain: true },
      connectTimeout: 5000,
      reconnectPeriod: 0,
    });
    channel.close();
    const bad = createMqtt(URL, { hub: createHub(), will: { topic: 'a/#', payload: 'x' } });
    bad.connect();
    expect(bad.getState().error).toMatchObject({ kind: 'config', message: /will: topic "a\/#"/ });
  });

  it('rejects bad options with a config error naming them', () => {
    const hub = createHub();
    const bad = [
      createMqtt('http://x.test', { hub, topics: 'a' }),
      createMqtt(URL, { hub, topics: 'a/#/b' }),
      createMqtt(URL, { hub, topics: 'a', clean: false }),
    ];
    const messages = bad.map((channel) => {
      channel.connect();
      return channel.getState().error?.message;
    });
    expect(messages[0]).toMatch(/url/);
    expect(messages[1]).toMatch(/topics: "a\/#\/b"/);
    expect(messages[2]).toMatch(/clientId/);
    for (const channel of bad) expect(channel.getState().status).toBe('closed');
  });

  it('keeps a session on MQTT 5 with a default expiry when a clientId is given', async () => {
    const mqtt = fakeMqtt();
    const channel = createMqtt(URL, {
      hub: createHub(),
      mqtt: mqtt.module,
      clientId: 'c',
      protocolVersion: 5,
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(mqtt.last.options).toMatchObject({
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 3600 },
    });
    channel.close();
  });
});
