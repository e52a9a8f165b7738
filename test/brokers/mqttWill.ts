import { describe, expect, it, vi } from 'vitest';
import type { Broker } from './broker';
import { mqttHarness, namespace, type ProtocolOptions, viaProxy } from './mqttScenarios';

/**
 * The last will: published by the broker when the client dies; with `cleanCloseDropsWill`, not
 * when it closes cleanly (RabbitMQ 3.10's Web MQTT publishes it after a DISCONNECT too, from a
 * plain mqtt.js client as well).
 */
export function describeWill(
  name: string,
  broker: () => Broker,
  protocol: ProtocolOptions & { cleanCloseDropsWill: boolean },
) {
  describe(`createMqtt will on ${name}`, () => {
    const { channel, publisher, proxy } = mqttHarness();

    async function watcher(ns: string) {
      const listener = await publisher(broker().wsUrl, protocol.protocolVersion);
      const heard: string[] = [];
      listener.on('message', (topic, payload) => heard.push(`${topic} ${payload.toString()}`));
      await listener.subscribeAsync(`${ns}/status/#`, { qos: 1 });
      return { listener, heard };
    }

    it('the broker publishes the will when the connection dies without DISCONNECT', async () => {
      const ns = namespace();
      const { heard } = await watcher(ns);
      const link = await proxy(broker());
      const mortal = channel(viaProxy(broker(), link.port), {
        protocolVersion: protocol.protocolVersion,
        reconnect: false,
        will: { topic: `${ns}/status/mortal`, payload: { online: false }, qos: 1 },
      });
      mortal.connect();
      await vi.waitFor(() => expect(mortal.getState().status).toBe('open'));
      link.cut();
      await vi.waitFor(() => expect(heard).toEqual([`${ns}/status/mortal {"online":false}`]));
    });

    if (protocol.cleanCloseDropsWill) {
      it('close() disconnects cleanly: no will', async () => {
        const ns = namespace();
        const { listener, heard } = await watcher(ns);
        const link = await proxy(broker());
        const polite = channel(viaProxy(broker(), link.port), {
          protocolVersion: protocol.protocolVersion,
          will: { topic: `${ns}/status/polite`, payload: 'gone' },
        });
        polite.connect();
        await vi.waitFor(() => expect(polite.getState().status).toBe('open'));
        polite.close();
        // The broker has seen the connection end; a QoS 1 round trip after that: a will would
        // have come first.
        await vi.waitFor(() => expect(link.open).toBe(0));
        await listener.publishAsync(`${ns}/status/witness`, 'here', { qos: 1 });
        await vi.waitFor(() => expect(heard).toContain(`${ns}/status/witness here`));
        expect(heard).toEqual([`${ns}/status/witness here`]);
      });
    }
  });
}
