import { createHub } from '@tidings/core';
import { createMqtt, type MqttMessage, type MqttOptions } from '@tidings/core/mqtt';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tapWireFrames } from '../core/wireTap';
import type { Broker } from './broker';
import { startTcpProxy } from './tcpProxy';

export interface Note {
  id: string;
  n?: number;
}

export interface ProtocolOptions {
  protocolVersion: 4 | 5;
  /** MQTT 5 only; createMqtt's default (3600 s for a kept session) when omitted. */
  sessionExpiryInterval?: number;
}

/** Channels, plain clients and proxies made by one test, all closed after it. */
export function mqttHarness() {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    // Newest first: channels close before the proxy they go through.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return {
    channel<T = Note>(url: string, options: MqttOptions<T> = {}) {
      const created = createMqtt<T>(url, {
        hub: createHub(),
        reconnect: { minDelay: 20, maxDelay: 100 },
        notify: 'sync',
        // The notes carry their own id: QoS 1 redeliveries are dropped by it.
        messageId: (payload) => (payload as Partial<Note> | null)?.id,
        ...options,
      });
      cleanups.push(() => created.close());
      return created;
    },
    /** A plain mqtt.js client straight to the broker (no proxy), to publish as another party would. */
    async publisher(url: string, protocolVersion: 4 | 5 = 4) {
      const client = await mqtt.connectAsync(url, { protocolVersion, reconnectPeriod: 0 });
      cleanups.push(() => client.endAsync());
      return client;
    },
    async proxy(broker: Broker) {
      const proxy = await startTcpProxy(broker.wsPort);
      cleanups.push(() => proxy.close());
      return proxy;
    },
  };
}

export function collect<T>(source: { onMessage(fn: (m: MqttMessage<T>) => void): () => void }) {
  const seen: Array<MqttMessage<T>> = [];
  source.onMessage((m) => seen.push(m));
  return seen;
}

/** A topic prefix of its own for each test, since the broker outlives the tests of a file. */
export function namespace(): string {
  return `tidings-${Math.random().toString(36).slice(2, 10)}`;
}

/** The URL of `broker` as reached through a proxy on `port` (same path). */
export function viaProxy(broker: Broker, port: number): string {
  const url = new URL(broker.wsUrl);
  url.port = String(port);
  return url.toString();
}

/** Receiving, sharing one client, and publishing, against a real broker. */
export function describeBasics(name: string, broker: () => Broker, protocol: ProtocolOptions) {
  describe(`createMqtt against ${name}`, () => {
    const { channel, publisher, proxy } = mqttHarness();
    const { protocolVersion } = protocol;

    it('receives on a filter with + and # (the parent level included) and nothing else', async () => {
      const ns = namespace();
      const sensors = channel(broker().wsUrl, {
        topics: `${ns}/sensors/+/temp/#`,
        protocolVersion,
      });
      const seen = collect(sensors);
      sensors.connect();
      await vi.waitFor(() => expect(sensors.getState().status).toBe('open'));
      const source = await publisher(broker().wsUrl, protocolVersion);
      const sends: Array<[string, Note]> = [
        [`${ns}/sensors/k1/temp`, { id: 'a', n: 1 }],
        [`${ns}/sensors/k1/humidity`, { id: 'x' }],
        [`${ns}/sensors/k1/k2/temp`, { id: 'y' }],
        [`${ns}/other/k1/temp`, { id: 'z' }],
        [`${ns}/sensors/k2/temp/celsius`, { id: 'b' }],
        [`${ns}/sensors/k3/temp/end`, { id: 'end' }],
      ];
      for (const [topic, note] of sends)
        await source.publishAsync(topic, JSON.stringify(note), { qos: 1 });
      await vi.waitFor(() => expect(seen.at(-1)?.payload.id).toBe('end'));
      expect(seen.map((m) => m.payload.id)).toEqual(['a', 'b', 'end']);
      expect(seen[0]).toEqual({
        topic: `${ns}/sensors/k1/temp`,
        payload: { id: 'a', n: 1 },
        qos: 1,
        retain: false,
      });
      expect(sensors.getState()).toMatchObject({ cursor: 'end', received: 3, error: null });
    });

    it('two consumers with different filters share one client; the last to leave unsubscribes', async () => {
      const ns = namespace();
      const counter = await proxy(broker());
      const url = viaProxy(broker(), counter.port);
      const hub = createHub();
      const messages = channel(url, { hub, topics: `${ns}/room/+/msg`, protocolVersion });
      const room1 = channel(url, { hub, topics: `${ns}/room/1/#`, protocolVersion });
      const seenMessages = collect(messages);
      const seenRoom1 = collect(room1);
      messages.connect();
      room1.connect();
      await vi.waitFor(() => expect(room1.getState().status).toBe('open'));
      await vi.waitFor(() => expect(messages.getState().status).toBe('open'));
      expect(counter.connections).toBe(1);

      const source = await publisher(broker().wsUrl, protocolVersion);
      // room/1/msg matches both filters: whether the broker sends it once or once per matching
      // subscription, each consumer hears it once.
      await source.publishAsync(`${ns}/room/1/msg`, JSON.stringify({ id: 'm1' }), { qos: 1 });
      await source.publishAsync(`${ns}/room/2/msg`, JSON.stringify({ id: 'm2' }), { qos: 1 });
      await source.publishAsync(`${ns}/room/1/typing`, JSON.stringify({ id: 't1' }), { qos: 1 });
      await vi.waitFor(() => expect(seenMessages).toHaveLength(2));
      await vi.waitFor(() => expect(seenRoom1).toHaveLength(2));
      expect(seenMessages.map((m) => m.topic)).toEqual([`${ns}/room/1/msg`, `${ns}/room/2/msg`]);
      expect(seenRoom1.map((m) => m.topic)).toEqual([`${ns}/room/1/msg`, `${ns}/room/1/typing`]);

      // Every frame reaching the shared client, before any consumer's filtering.
      const wireFrames = tapWireFrames(messages);
      room1.close();
      // A QoS 1 round trip on the same connection: the broker has handled the UNSUBSCRIBE before.
      await messages.publish(`${ns}/sync`, 'ping');
      await source.publishAsync(`${ns}/room/1/typing`, JSON.stringify({ id: 't2' }), { qos: 1 });
      await source.publishAsync(`${ns}/room/3/msg`, JSON.stringify({ id: 'm3' }), { qos: 1 });
      await vi.waitFor(() => expect(seenMessages.at(-1)?.payload.id).toBe('m3'));
      expect(wireFrames.map((frame) => frame.meta.topic)).toEqual([`${ns}/room/3/msg`]);
      expect(seenRoom1).toHaveLength(2);
      expect(counter.connections).toBe(1);
    });

    it('publish() resolves on the broker ack, and the message comes back to a subscriber', async () => {
      const ns = namespace();
      const echo = channel(broker().wsUrl, { topics: `${ns}/echo/#`, protocolVersion });
      const seen = collect(echo);
      echo.connect();
      await vi.waitFor(() => expect(echo.getState().status).toBe('open'));
      await echo.publish(`${ns}/echo/1`, { id: 'e1', n: 42 });
      await echo.publish(`${ns}/echo/2`, 'plain text, not JSON', { qos: 0 });
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]).toEqual({
        topic: `${ns}/echo/1`,
        payload: { id: 'e1', n: 42 },
        qos: 1,
        retain: false,
      });
      // The text payload fails the default JSON parse: reported, the connection stays up.
      await vi.waitFor(() => expect(echo.getState().error?.kind).toBe('parse'));
      expect(echo.getState().status).toBe('open');
    });
  });
}

/**
 * Resume through a kept session across a network fault: a TCP proxy between createMqtt and the
 * broker resets the connection (no DISCONNECT), another client publishes QoS 1 messages while it is
 * down, and they must all arrive after the reconnect, once each and in order.
 */
export function describeResume(name: string, broker: () => Broker, protocol: ProtocolOptions) {
  describe(`createMqtt kept session on ${name}`, () => {
    const { channel, publisher, proxy } = mqttHarness();

    async function outage(sessionExpiryInterval = protocol.sessionExpiryInterval) {
      const ns = namespace();
      const link = await proxy(broker());
      const alerts = channel(viaProxy(broker(), link.port), {
        topics: `${ns}/alerts/#`,
        clientId: ns,
        qos: 1,
        protocolVersion: protocol.protocolVersion,
        sessionExpiryInterval,
      });
      const seen = collect(alerts);
      alerts.connect();
      await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
      const source = await publisher(broker().wsUrl, protocol.protocolVersion);
      const send = (note: Note) =>
        source.publishAsync(`${ns}/alerts/${note.id}`, JSON.stringify(note), { qos: 1 });

      await send({ id: 'before' });
      await vi.waitFor(() => expect(seen).toHaveLength(1));

      link.cut();
      await vi.waitFor(() => expect(alerts.getState().status).toBe('reconnecting'));
      const during = ['d1', 'd2', 'd3', 'd4', 'd5'];
      for (const id of during) await send({ id, n: Number(id.slice(1)) });
      // Attempts made while the link is down fail too: the outage outlasts more than one retry.
      await vi.waitFor(() => expect(alerts.getState().attempt).toBeGreaterThan(1));
      link.restore();
      await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
      return { alerts, seen, send, during, link };
    }

    it('delivers what was published during a network cut, once each, in order', async () => {
      const { alerts, seen, send, during, link } = await outage();
      await vi.waitFor(() => expect(seen).toHaveLength(1 + during.length));
      // Published once the queue has arrived: a broker may let a live message overtake it.
      await send({ id: 'after' });
      await vi.waitFor(() => expect(seen.at(-1)?.payload.id).toBe('after'));
      expect(seen.map((m) => m.payload.id)).toEqual(['before', ...during, 'after']);
      expect(alerts.getState()).toMatchObject({ status: 'open', received: 7, attempt: 0 });
      expect(link.connections).toBe(2);
    });

    if (protocol.protocolVersion === 5) {
      it('control: with sessionExpiryInterval 0 the broker drops the session, and what was published during the cut is lost', async () => {
        const { seen, send } = await outage(0);
        await send({ id: 'after' });
        await vi.waitFor(() => expect(seen.at(-1)?.payload.id).toBe('after'));
        expect(seen.map((m) => m.payload.id)).toEqual(['before', 'after']);
      });
    }
  });
}
