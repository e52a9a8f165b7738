// @vitest-environment jsdom
import { useWebSocket } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import { describeComposable, type Envelope } from './composableSuite';
import { fastReconnect, mockMessageId, mount, setup, stats, wsUrl } from './harness';

describeComposable<Envelope>('useWebSocket', {
  transport: 'ws',
  use: (server, { variant, callbacks, notify }) =>
    useWebSocket(
      computed(() => wsUrl(server, `/ws?v=${variant.value}`)),
      () => ({ reconnect: fastReconnect, messageId: mockMessageId, notify, ...callbacks.value }),
    ),
  envelopeOf: (m) => m,
});

describe('useWebSocket', () => {
  it('send() reaches the server, queued before the socket opens', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => useWebSocket<Envelope>(wsUrl(server, '/ws')));
    const first = result.send({ type: 'chat', data: { text: 'same' } });
    const second = result.send({ type: 'chat', data: { text: 'same' } });
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    await vi.waitFor(() => expect(result.received.value).toBe(2));
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(result.data.value).toMatchObject({ type: 'chat', data: { text: 'same' } });
  });

  it('reconnect() reopens after close()', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useWebSocket<Envelope>(wsUrl(server, '/ws'), { reconnect: fastReconnect }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    result.close();
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    result.reconnect();
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(stats(server, 'ws').opened).toBe(2);
  });
});
