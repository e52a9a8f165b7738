// @vitest-environment jsdom
import type { MqttMessage } from '@tidings/core/mqtt';
import { useMqtt } from '@tidings/vue/mqtt';
import { describe, expect, it, vi } from 'vitest';
import { describeComposable, type Envelope } from './composableSuite';
import { collectIds, fastReconnect, mount, setup, wsUrl } from './harness';

describeComposable<MqttMessage<Envelope>>('useMqtt', {
  transport: 'mqtt',
  use: (server, { variant, callbacks, notify }) =>
    useMqtt(
      () => wsUrl(server, `/mqtt?v=${variant.value}`),
      () => ({
        topics: 'notifications/#',
        // A kept session with QoS 1: what is published during an outage arrives on return.
        clientId: `vue-test-${variant.value}`,
        clean: false,
        qos: 1 as const,
        reconnect: fastReconnect,
        notify,
        ...callbacks.value,
      }),
    ),
  envelopeOf: (m) => m.payload,
});

describe('useMqtt', () => {
  it('publishes to the broker and hears its own topic', async () => {
    const { server, hub } = await setup();
    const errors: unknown[] = [];
    const { result } = mount(hub, () =>
      useMqtt<Envelope, string[]>(wsUrl(server, '/mqtt'), {
        topics: 'notifications/#',
        onError: (error) => errors.push(error),
        reconnect: fastReconnect,
        reduce: collectIds((m) => m.payload),
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    await result.publish('notifications/chat', { id: 'client-1', type: 'chat', data: {} });
    await vi.waitFor(() => expect(result.data.value).toEqual(['client-1']));
    expect(errors).toEqual([]);
  });
});
