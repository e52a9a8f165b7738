// @vitest-environment jsdom
import type { TransportSwitch } from '@tidings/core';
import { useRealtime } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import { describeComposable, type Envelope } from './composableSuite';
import { fastReconnect, type MockServer, mount, setup, wsUrl } from './harness';

const endpoints = (server: MockServer, variant = 'a') => ({
  webSocket: wsUrl(server, `/ws?v=${variant}`),
  sse: `${server.url}/api/sse?v=${variant}`,
  longPoll: `${server.url}/api/long-poll?v=${variant}`,
});

// On a friendly network the WebSocket carries it: the composable behaves as every other does.
describeComposable<Envelope>('useRealtime', {
  transport: 'ws',
  use: (server, { variant, callbacks, notify }) =>
    useRealtime(
      computed(() => endpoints(server, variant.value)),
      () => ({ reconnect: fastReconnect, events: ['notification'], notify, ...callbacks.value }),
    ),
  envelopeOf: (m) => m,
});

describe('useRealtime', () => {
  it('mirrors the transport in use and why it changed into refs, and delivers across the switch', async () => {
    const { server, hub } = await setup();
    server.setNetwork({ refuseUpgrades: true });
    const switches: TransportSwitch[] = [];
    const { result } = mount(hub, () =>
      useRealtime<Envelope>(endpoints(server), {
        reconnect: fastReconnect,
        events: ['notification'],
        sseTransport: 'fetch',
        onSwitch: (change) => switches.push(change),
      }),
    );
    await vi.waitFor(() => {
      expect(result.transport.value).toBe('sse');
      expect(result.status.value).toBe('open');
      expect(result.cursor.value).toBeDefined();
    });
    expect(result.switched.value).toMatchObject({
      from: 'webSocket',
      to: 'sse',
      reason: 'refused',
    });
    expect(switches).toHaveLength(1);
    const { id } = server.publish({ type: 'notification', data: 'over SSE' });
    await vi.waitFor(() => expect(result.data.value).toMatchObject({ id }));
  });

  it('send() goes over the open WebSocket', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useRealtime<Envelope>(endpoints(server), { reconnect: fastReconnect }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    const receipt = result.send({ type: 'chat', data: { text: 'hi' } });
    expect(receipt.status).toBe('sent');
    await vi.waitFor(() => expect(result.data.value).toMatchObject({ type: 'chat' }));
  });
});
