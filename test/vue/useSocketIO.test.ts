// @vitest-environment jsdom
import { useSocketIO } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { collectIds, fastReconnect, mount, setup, stats } from './harness';

describe('useSocketIO', () => {
  it('delivers events and resumes after a drop with nothing lost or repeated', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useSocketIO<{ id: string }, string[]>(server.url, {
        events: ['notification'],
        reconnect: fastReconnect,
        reduce: collectIds((m) => m.args[0]),
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    const sent = [server.publish({ type: 'notification', data: { n: 1 } }).id];
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    server.drop();
    sent.push(server.publish({ type: 'notification', data: { n: 2 } }).id);
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    expect(stats(server, 'socketio').opened).toBeGreaterThanOrEqual(2);
  });
});
