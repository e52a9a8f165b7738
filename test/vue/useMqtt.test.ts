// @vitest-environment jsdom
import { useMqtt } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { collectIds, fastReconnect, mount, setup, wsUrl } from './harness';

describe('useMqtt', () => {
  it('hears its topics and publishes', async () => {
    const { server, hub } = await setup();
    const errors: unknown[] = [];
    const { result } = mount(hub, () =>
      useMqtt<{ id: string }, string[]>(wsUrl(server, '/mqtt'), {
        topics: 'notifications/#',
        onError: (error) => errors.push(error),
        reconnect: fastReconnect,
        reduce: collectIds((m) => m.payload),
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'), { timeout: 5000 });
    const sent = [server.publish({ type: 'notification', data: { n: 1 } }).id];
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    await result.publish('notifications/chat', { id: 'client-1', type: 'chat', data: {} });
    await vi.waitFor(() => expect(result.data.value).toContain('client-1'));
    expect(result.received.value).toBe(2);
    expect(errors).toEqual([]);
  });
});
