// @vitest-environment jsdom
import { useLongPoll } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { collectIds, fastReconnect, mount, setup, stats } from './harness';

describe('useLongPoll', () => {
  it('delivers messages in order and loses none across a drop', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useLongPoll<{ id: string }, string[]>(`${server.url}/api/long-poll`, {
        timeout: 5000,
        reconnect: fastReconnect,
        reduce: collectIds(),
      }),
    );
    // Without a cursor a long poll starts "from now": publish once the server holds the request.
    await vi.waitFor(() => expect(stats(server, 'longPoll').connections).toBe(1));
    const sent = [server.publish({ type: 'notification', data: { n: 1 } }).id];
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    server.drop();
    sent.push(server.publish({ type: 'notification', data: { n: 2 } }).id);
    sent.push(server.publish({ type: 'notification', data: { n: 3 } }).id);
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    expect(result.received.value).toBe(3);
    expect(result.status.value).toBe('open');
  });
});
