// @vitest-environment jsdom
import { useSSE } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { ref, watch } from 'vue';
import { collectIds, fastReconnect, mount, setup, stats } from './harness';

interface Message {
  id: string;
  type: string;
  data: { n: number };
}

// jsdom has no EventSource: the fetch transport with the streaming parser does the work.
const base = {
  transport: 'fetch' as const,
  events: ['notification'],
  reconnect: { ...fastReconnect },
};

describe('useSSE', () => {
  it('delivers events, goes connecting → open, and resumes after a drop with nothing lost or repeated', async () => {
    const { server, hub } = await setup();
    const statuses: string[] = [];
    const { result } = mount(hub, () => {
      const sse = useSSE<Message, string[]>(`${server.url}/api/sse`, {
        ...base,
        reduce: collectIds(),
      });
      watch(sse.status, (s) => statuses.push(s), { immediate: true, flush: 'sync' });
      return sse;
    });
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(statuses).toEqual(['connecting', 'open']);
    const sent = [server.publish({ type: 'notification', data: { n: 1 } }).id];
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    server.drop();
    sent.push(server.publish({ type: 'notification', data: { n: 2 } }).id);
    sent.push(server.publish({ type: 'notification', data: { n: 3 } }).id);
    await vi.waitFor(() => expect(result.data.value).toEqual(sent));
    expect(result.cursor.value).toBe(sent[2]);
  });

  it('a URL ref change reconnects exactly once; a callback change does not', async () => {
    const { server, hub } = await setup();
    const url = ref(`${server.url}/api/sse?v=1`);
    const onMessage = ref(vi.fn());
    const { result } = mount(hub, () =>
      useSSE<Message>(url, () => ({ ...base, onMessage: onMessage.value })),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    const replacement = vi.fn();
    onMessage.value = replacement;
    server.publish({ type: 'notification', data: { n: 1 } });
    await vi.waitFor(() => expect(replacement).toHaveBeenCalledTimes(1));
    expect(stats(server, 'sse').opened).toBe(1);
    url.value = `${server.url}/api/sse?v=2`;
    await vi.waitFor(() => expect(stats(server, 'sse').opened).toBe(2));
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(1));
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(stats(server, 'sse').opened).toBe(2);
  });

  it('streams a POST answer with start(), and stop() ends it without an error', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useSSE<{ token: string }, string>(`${server.url}/api/chat`, {
        method: 'POST',
        manual: true,
        events: ['token'],
        reduce: (text = '', m) => text + m.token,
      }),
    );
    expect(result.status.value).toBe('idle');
    expect(stats(server, 'chat').requests).toBe(0);
    result.start({ prompt: 'Tell me a long story about tidings' });
    await vi.waitFor(() => expect(result.data.value?.length ?? 0).toBeGreaterThan(0));
    result.stop();
    await vi.waitFor(() => expect(result.status.value).toBe('closed'));
    expect(result.error.value).toBeNull();
    expect(stats(server, 'chat').requests).toBe(1);
  });
});
