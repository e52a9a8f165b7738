import type { SendReceipt } from '@tidings/core';
import { describe, expect, it, vi } from 'vitest';
import type { Broker } from './broker';
import { mqttHarness, namespace, type ProtocolOptions, viaProxy } from './mqttScenarios';

/**
 * QoS 1 publishes in flight when the network cuts the connection (a TCP reset, no DISCONNECT):
 * the same mqtt.js client reconnects with its store, resends them, and every receipt resolves on
 * the broker's ack; another client hears each one.
 */
export function describeInflight(name: string, broker: () => Broker, protocol: ProtocolOptions) {
  describe(`createMqtt publish across a network cut on ${name}`, () => {
    const { channel, publisher, proxy } = mqttHarness();

    for (const kept of [false, true]) {
      it(`20 QoS 1 publishes cut before their acks all complete (${kept ? 'kept' : 'clean'} session)`, async () => {
        const ns = namespace();
        const listener = await publisher(broker().wsUrl, protocol.protocolVersion);
        const heard: string[] = [];
        listener.on('message', (_topic, payload) => heard.push(payload.toString()));
        await listener.subscribeAsync(`${ns}/#`, { qos: 1 });

        const link = await proxy(broker());
        let opens = 0;
        const sender = channel(viaProxy(broker(), link.port), {
          protocolVersion: protocol.protocolVersion,
          onOpen: () => opens++,
          ...(kept ? { clientId: ns } : {}),
        });
        sender.connect();
        await vi.waitFor(() => expect(sender.getState().status).toBe('open'));
        const restore = sender.subscribe(() => {
          if (sender.getState().status === 'reconnecting') link.restore();
        });

        const receipts: SendReceipt[] = [];
        for (let n = 0; n < 20; n++) receipts.push(sender.publish(`${ns}/out`, { n }));
        expect(receipts.every((receipt) => receipt.status === 'sent')).toBe(true);
        link.cut();
        const outcomes = await Promise.allSettled(receipts);
        restore();
        expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(20).fill('fulfilled'));
        expect(opens).toBe(2);
        await vi.waitFor(() => expect(new Set(heard).size).toBe(20));
        expect(new Set(heard)).toEqual(new Set(receipts.map((_, n) => JSON.stringify({ n }))));
      });
    }
  });
}
