import { createHub, type SendReceipt } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fastReconnect, stats } from '../shared/mockServerHelpers';

let server: MockServer;
let mqttUrl: string;
const cleanups: Array<() => unknown> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  mqttUrl = `${server.url.replace(/^http/, 'ws')}/mqtt`;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
});

/**
 * Another party, a plain mqtt.js client with a kept session that reconnects on its own (the mock
 * server's drop() cuts it too): records every payload on `topic`.
 */
async function listener(topic: string) {
  const client = await mqtt.connectAsync(mqttUrl, {
    clientId: `listener-${Math.random().toString(36).slice(2)}`,
    clean: false,
    reconnectPeriod: 20,
  });
  cleanups.push(() => client.endAsync(true));
  const payloads: string[] = [];
  client.on('message', (_topic, payload) => payloads.push(payload.toString()));
  await client.subscribeAsync(topic, { qos: 1 });
  return payloads;
}

describe('createMqtt publish against the mock aedes broker', () => {
  for (const kept of [false, true]) {
    it(`QoS 1 publishes in flight when the connection drops complete after the reconnect (${kept ? 'kept' : 'clean'} session)`, async () => {
      const heard = await listener('outbox/#');
      const errors: unknown[] = [];
      let opens = 0;
      const sender = createMqtt(mqttUrl, {
        hub: createHub(),
        reconnect: fastReconnect,
        onError: (e) => errors.push(e),
        onOpen: () => opens++,
        ...(kept ? { clientId: `sender-${Math.random().toString(36).slice(2)}` } : {}),
      });
      cleanups.push(() => sender.close());
      sender.connect();
      await vi.waitFor(() => expect(sender.getState().status).toBe('open'));

      const receipts: SendReceipt[] = [];
      const settled: string[] = [];
      for (let n = 0; n < 20; n++) {
        const receipt = sender.publish(`outbox/${n}`, { n });
        receipts.push(receipt);
        receipt.then(
          () => settled.push('ok'),
          () => settled.push('failed'),
        );
      }
      expect(receipts.every((r) => r.status === 'sent')).toBe(true);
      // Every publish is written but none acknowledged yet: cut the connection under them.
      server.drop();
      await Promise.all(receipts);
      expect(opens).toBe(2);
      expect(settled).toEqual(Array(20).fill('ok'));
      await vi.waitFor(() => expect(new Set(heard).size).toBe(20));
      // The drop itself is the one reported error (a retried network error); no publish failed.
      expect(errors).toMatchObject([{ kind: 'network' }]);
      expect(sender.getState().status).toBe('open');
    });
  }

  it('the broker publishes the will when the client dies without a clean disconnect', async () => {
    const heard = await listener('status/#');
    const mortal = createMqtt(mqttUrl, {
      hub: createHub(),
      reconnect: false,
      will: { topic: 'status/mortal', payload: { online: false }, qos: 1 },
    });
    cleanups.push(() => mortal.close());
    mortal.connect();
    await vi.waitFor(() => expect(mortal.getState().status).toBe('open'));
    expect(heard).toEqual([]);
    server.drop();
    await vi.waitFor(() => expect(heard).toEqual(['{"online":false}']));
  });

  it('a clean close() does not publish the will', async () => {
    const heard = await listener('status/#');
    const polite = createMqtt(mqttUrl, {
      hub: createHub(),
      will: { topic: 'status/polite', payload: 'gone' },
    });
    polite.connect();
    await vi.waitFor(() => expect(polite.getState().status).toBe('open'));
    expect(stats(server, 'mqtt').connections).toBe(2);
    polite.close();
    // The broker has seen the connection end (only the listener's is left); a QoS 1 round trip
    // after that: the will would have come first.
    await vi.waitFor(() => expect(stats(server, 'mqtt').connections).toBe(1));
    const witness = createMqtt(mqttUrl, { hub: createHub() });
    cleanups.push(() => witness.close());
    witness.connect();
    await witness.publish('status/witness', 'here');
    await vi.waitFor(() => expect(heard).toContain('here'));
    expect(heard).toEqual(['here']);
  });

  it('reports publishes queued while reconnecting as unsent when the channel closes', async () => {
    const errors: Array<{ kind: string; messages?: readonly unknown[] }> = [];
    const sender = createMqtt(mqttUrl, {
      hub: createHub(),
      reconnect: { minDelay: 60_000, maxDelay: 60_000 },
      onError: (e) => errors.push(e),
    });
    sender.connect();
    await vi.waitFor(() => expect(sender.getState().status).toBe('open'));
    server.drop();
    await vi.waitFor(() => expect(sender.getState().status).toBe('reconnecting'));
    const queued = sender.publish('outbox/late', { late: true });
    expect(queued.status).toBe('queued');
    sender.close();
    await expect(queued).rejects.toMatchObject({ kind: 'unsent' });
    expect(errors.at(-1)).toMatchObject({
      kind: 'unsent',
      messages: [{ topic: 'outbox/late', payload: { late: true } }],
    });
  });
});
