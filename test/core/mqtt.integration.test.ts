import { createHub } from '@tidings/core';
import { createMqtt, type MqttMessage } from '@tidings/core/mqtt';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tapWireFrames } from './wireTap';

interface Note {
  id: string;
  type: string;
  data?: unknown;
}

let server: MockServer;
let mqttUrl: string;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  mqttUrl = `${server.url.replace(/^http/, 'ws')}/mqtt`;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

function channel<T = Note>(options: Parameters<typeof createMqtt<T>>[1] = {}) {
  const created = createMqtt<T>(mqttUrl, {
    reconnect: { minDelay: 10, maxDelay: 50 },
    notify: 'sync',
    // The mock server's messages carry the log id: the delivery id, for dedupe and resume.
    messageId: (m) => (m as { id?: string } | null)?.id,
    ...options,
  });
  cleanups.push(() => created.close());
  return created;
}

function collect<T>(source: { onMessage(fn: (m: MqttMessage<T>) => void): () => void }) {
  const seen: Array<MqttMessage<T>> = [];
  source.onMessage((m) => seen.push(m));
  return seen;
}

describe('createMqtt against the mock aedes broker', () => {
  it('receives on notifications/# with the envelope', async () => {
    const alerts = channel({ hub: createHub(), topics: 'notifications/#' });
    const seen = collect(alerts);
    alerts.connect();
    // The first connect of the run also loads mqtt.js.
    await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
    const sent = server.publish({ type: 'alert', data: { title: 'Hi' } });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({
      topic: 'notifications/alert',
      payload: { id: sent.id, type: 'alert', data: { title: 'Hi' }, ts: sent.ts },
      qos: 1,
      retain: false,
    });
    expect(alerts.getState().cursor).toBe(sent.id);
  });

  it('shares one client between consumers with different filters; unsubscribes on the last', async () => {
    const hub = createHub();
    const all = channel({ hub, topics: 'notifications/#' });
    const alerts = channel({ hub, topics: 'notifications/alert' });
    const chats = channel({ hub, topics: 'chat/+' });
    const seenAll = collect(all);
    const seenAlerts = collect(alerts);
    const seenChats = collect(chats);
    for (const c of [all, alerts, chats]) c.connect();
    await vi.waitFor(() => expect(chats.getState().status).toBe('open'));
    expect(server.stats().transports.mqtt.connections).toBe(1);

    server.publish({ type: 'alert' });
    server.publish({ type: 'news' });
    server.publish({ type: 'line', topic: 'chat/room1' });
    await vi.waitFor(() => expect(seenChats).toHaveLength(1));
    await vi.waitFor(() => expect(seenAll).toHaveLength(2));
    expect(seenAll.map((m) => m.topic)).toEqual(['notifications/alert', 'notifications/news']);
    expect(seenAlerts.map((m) => m.topic)).toEqual(['notifications/alert']);
    expect(seenChats.map((m) => m.topic)).toEqual(['chat/room1']);

    // The last consumer of `chat/+` leaves: the shared client unsubscribes it, so the broker no
    // longer sends chat lines at all. Watch every frame reaching the wire, before any filtering.
    const wireFrames = tapWireFrames(all);
    chats.close();
    // A QoS 1 round trip on the same client: the broker handled the UNSUBSCRIBE sent before it.
    await all.publish('sync/x', 'ping');
    server.publish({ type: 'line', topic: 'chat/room1' });
    const marker = server.publish({ type: 'marker' });
    await vi.waitFor(() => expect(seenAll.at(-1)?.payload.id).toBe(marker.id));
    expect(wireFrames.map((frame) => frame.meta.topic)).toEqual(['notifications/marker']);
    expect(seenChats).toHaveLength(1);
    expect(server.stats().transports.mqtt.connections).toBe(1);
  });

  it('publish() round trip resolves after the broker acknowledges', async () => {
    const hub = createHub();
    const listener = channel({ hub, topics: 'echo/#' });
    const seen = collect(listener);
    listener.connect();
    await vi.waitFor(() => expect(listener.getState().status).toBe('open'));
    await listener.publish('echo/1', { id: 'e1', type: 'echo', data: 42 });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ topic: 'echo/1', payload: { id: 'e1', data: 42 }, qos: 1 });
  });

  it('hears a server restarted on the same port: its new ids are never taken for seen ones', async () => {
    const alerts = channel({
      hub: createHub(),
      topics: 'notifications/#',
      clientId: `tidings-test-${Math.random().toString(36).slice(2)}`,
    });
    const seen = collect(alerts);
    alerts.connect();
    await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
    const before = [server.publish({ type: 'n' }), server.publish({ type: 'n' })];
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    const { port } = server;
    await server.close();
    await vi.waitFor(() => expect(alerts.getState().status).not.toBe('open'));
    server = await startMockServer({ port });
    // The restarted broker has no session: the client subscribes again once it is back.
    await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
    const after = [server.publish({ type: 'n' }), server.publish({ type: 'n' })];
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(seen.map((m) => m.payload.id)).toEqual([...before, ...after].map((m) => m.id));
  });

  it('resumes a kept session after drop(): everything published during the outage, once, in order', async () => {
    const alerts = channel({
      hub: createHub(),
      topics: 'notifications/#',
      clientId: `tidings-test-${Math.random().toString(36).slice(2)}`,
      qos: 1,
      // A fixed 300 ms wait before reconnecting (full jitter with random() near 1), so the
      // publishes below land while the client is away.
      reconnect: { minDelay: 300, maxDelay: 300 },
      env: { random: () => 0.999 },
    });
    const seen = collect(alerts);
    alerts.connect();
    await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
    const first = server.publish({ type: 'n' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    server.drop();
    await vi.waitFor(() => expect(alerts.getState().status).toBe('reconnecting'));
    const during = [
      server.publish({ type: 'n' }),
      server.publish({ type: 'n' }),
      server.publish({ type: 'n' }),
    ];
    // aedes streams a resumed session's queue after CONNACK, and a live message published
    // meanwhile can overtake it; so the live one is published once the queue has arrived.
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(alerts.getState().status).toBe('open');
    const after = server.publish({ type: 'n' });
    await vi.waitFor(() => expect(seen.at(-1)?.payload.id).toBe(after.id));
    expect(seen.map((m) => m.payload.id)).toEqual([first, ...during, after].map((m) => m.id));
    expect(alerts.getState().received).toBe(5);
  });

  it('a malformed payload sets a parse error, and the next message still arrives', async () => {
    const alerts = channel({ hub: createHub(), topics: 'notifications/#' });
    const seen = collect(alerts);
    alerts.connect();
    await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
    server.publish({ type: 'bad', raw: '{not json' });
    await vi.waitFor(() => expect(alerts.getState().error?.kind).toBe('parse'));
    expect(alerts.getState().error?.message).toMatch(/notifications\/bad/);
    const good = server.publish({ type: 'good' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.payload.id).toBe(good.id);
    expect(alerts.getState().status).toBe('open');
  });
});
