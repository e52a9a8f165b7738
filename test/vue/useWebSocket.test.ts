// @vitest-environment jsdom
import { useWebSocket } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref, watch } from 'vue';
import { collectIds, fastReconnect, mount, setup, stats, wsUrl } from './harness';

interface Message {
  id: string;
  type: string;
  data: { n?: number; text?: string };
}

describe('useWebSocket', () => {
  it('delivers data and goes connecting → open', async () => {
    const { server, hub } = await setup();
    const statuses: string[] = [];
    const { result } = mount(hub, () => {
      const socket = useWebSocket<Message>(wsUrl(server, '/ws'));
      watch(socket.status, (s) => statuses.push(s), { immediate: true, flush: 'sync' });
      return socket;
    });
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    server.publish({ type: 'notification', data: { n: 1 } });
    await vi.waitFor(() => expect(result.data.value?.data).toEqual({ n: 1 }));
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('drop → reconnect loses and repeats nothing published during the outage', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useWebSocket<Message, string[]>(wsUrl(server, '/ws'), {
        reconnect: fastReconnect,
        reduce: collectIds(),
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    const sent = [server.publish({ type: 'notification', data: { n: 1 } }).id];
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    server.drop();
    sent.push(server.publish({ type: 'notification', data: { n: 2 } }).id);
    sent.push(server.publish({ type: 'notification', data: { n: 3 } }).id);
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    expect(stats(server, 'ws').opened).toBe(2);
    expect(result.status.value).toBe('open');
  });

  it('a URL ref change reconnects exactly once; a callback change does not', async () => {
    const { server, hub } = await setup();
    const url = ref(wsUrl(server, '/ws?room=a'));
    const first = vi.fn();
    const second = vi.fn();
    const onMessage = ref(first);
    const { result } = mount(hub, () =>
      useWebSocket<Message>(url, () => ({ onMessage: onMessage.value })),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    onMessage.value = second;
    await nextTick();
    server.publish({ type: 'notification', data: { n: 1 } });
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
    expect(stats(server, 'ws').opened).toBe(1);

    url.value = wsUrl(server, '/ws?room=b');
    await vi.waitFor(() => expect(stats(server, 'ws').opened).toBe(2));
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(1));
    expect(stats(server, 'ws').opened).toBe(2);
  });

  it('1,000 messages in one tick reach reduce 1,000 times', async () => {
    const { server, hub } = await setup();
    const reduce = vi.fn((count: number | undefined) => (count ?? 0) + 1);
    const { result } = mount(hub, () =>
      useWebSocket<Message, number>(wsUrl(server, '/ws'), { reduce }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    for (let n = 0; n < 1000; n++) server.publish({ type: 'notification', data: { n } });
    await vi.waitFor(() => expect(result.data.value).toBe(1000));
    expect(reduce).toHaveBeenCalledTimes(1000);
    expect(result.received.value).toBe(1000);
  });

  it('counts identical payloads sent twice, and send() reaches the server', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => useWebSocket<Message>(wsUrl(server, '/ws')));
    // Sent before the socket opens: queued, then flushed on open.
    expect(result.send({ type: 'chat', data: { text: 'same' } })).toBe(true);
    expect(result.send({ type: 'chat', data: { text: 'same' } })).toBe(true);
    await vi.waitFor(() => expect(result.received.value).toBe(2));
    expect(result.data.value).toMatchObject({ type: 'chat', data: { text: 'same' } });
  });

  it('close() stops for good and reconnect() reopens', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useWebSocket<Message>(wsUrl(server, '/ws'), { reconnect: fastReconnect }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    result.close();
    await vi.waitFor(() => expect(result.status.value).toBe('closed'));
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    result.reconnect();
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(stats(server, 'ws').opened).toBe(2);
  });
});
