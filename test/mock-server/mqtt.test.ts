import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { useServer, waitFor } from './helpers';

interface Received {
  topic: string;
  payload: string;
}

describe('WS /mqtt (aedes)', () => {
  const harness = useServer();
  const mqttUrl = (url: string) => `${url.replace('http', 'ws')}/mqtt`;

  /** Connects with a listener already in place, so retained session messages are not missed. */
  async function connect(url: string, options: IClientOptions = {}) {
    const received: Received[] = [];
    const client: MqttClient = mqtt.connect(mqttUrl(url), { reconnectPeriod: 0, ...options });
    harness.defer(() => client.endAsync(true));
    client.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
    await new Promise<void>((resolve, reject) => {
      let failure: Error | undefined;
      client.once('connect', () => resolve());
      client.once('error', (error) => {
        failure = error;
      });
      // A refused WebSocket handshake ends in 'close'; mqtt.js may or may not report it as 'error'.
      client.once('close', () => reject(failure ?? new Error('closed before CONNACK')));
    });
    return { client, received };
  }

  it('publishes every message on notifications/<type> or its own topic', async () => {
    const server = await harness.start();
    const { client, received } = await connect(server.url);
    await client.subscribeAsync(['notifications/#', 'moderation/#'], { qos: 1 });
    const message = server.publish({ type: 'notification', data: { title: 'Hi' } });
    server.publish({ type: 'moderation', topic: 'moderation/alerts/high', data: {} });
    server.publish({ type: 'notification', raw: 'not json' });
    await waitFor(() => received.length === 3);
    expect(received[0]?.topic).toBe('notifications/notification');
    expect(JSON.parse(received[0]?.payload ?? '')).toEqual({ ...message });
    expect(received[1]?.topic).toBe('moderation/alerts/high');
    expect(received[2]?.payload).toBe('not json');
  });

  it('keeps QoS 1 messages for a persistent session while it is offline', async () => {
    const server = await harness.start();
    const options: IClientOptions = { clientId: 'persistent-1', clean: false, protocolVersion: 4 };
    const first = await connect(server.url, options);
    await first.client.subscribeAsync('notifications/#', { qos: 1 });
    await first.client.endAsync();
    server.publish({ type: 'notification', data: { n: 1 } });
    server.publish({ type: 'notification', data: { n: 2 } });
    const second = await connect(server.url, options);
    await waitFor(() => second.received.length === 2);
    const data = second.received.map(
      (entry) => (JSON.parse(entry.payload) as { data: unknown }).data,
    );
    expect(data).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('relays client publishes like any broker', async () => {
    const server = await harness.start();
    const listener = await connect(server.url);
    await listener.client.subscribeAsync('rooms/lobby', { qos: 1 });
    const talker = await connect(server.url);
    await talker.client.publishAsync('rooms/lobby', 'hello', { qos: 1 });
    await waitFor(() => listener.received.length === 1);
    expect(listener.received[0]).toEqual({ topic: 'rooms/lobby', payload: 'hello' });
  });

  it('is cut by drop()', async () => {
    const server = await harness.start();
    const { client } = await connect(server.url);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    server.drop();
    await closed;
    expect(server.stats().transports.mqtt.connections).toBe(0);
  });

  it('refuses the upgrade with the fault status', async () => {
    const server = await harness.start();
    server.setFaults({ status: 503 });
    await expect(connect(server.url)).rejects.toThrow();
    expect(server.stats().transports.mqtt).toMatchObject({ requests: 1, opened: 0 });
  });

  it('counts connections and bytes', async () => {
    const server = await harness.start();
    const { client, received } = await connect(server.url);
    await client.subscribeAsync('notifications/#', { qos: 1 });
    server.publish({ type: 'notification' });
    await waitFor(() => received.length === 1);
    expect(server.stats().transports.mqtt).toMatchObject({ requests: 1, connections: 1 });
    expect(server.stats().transports.mqtt.bytes).toBeGreaterThan(50);
  });
});
