// @vitest-environment jsdom
import type { TidingsError } from '@tidings/core';
import { usePolling, useSSE, useWebSocket } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { computed, nextTick, ref } from 'vue';
import { fastReconnect, mount, setup, stats, wsUrl } from './harness';

const FRESH = 'fresh-token';

interface Note {
  id: string;
  type: string;
}

describe('auth that refreshes, through the Vue composables', () => {
  it('useWebSocket: a url getter (handed over through a getter) and onAuthError refresh an expired token; new closures never reconnect', async () => {
    const { server, hub } = await setup({ authTokens: [FRESH] });
    let token = 'expired';
    const refusals: number[] = [];
    const tick = ref(0);
    const { result } = mount(hub, () =>
      useWebSocket<Note, string[]>(
        // Read reactively: every change of `tick` hands over a new closure.
        () => {
          void tick.value;
          return async () => `${wsUrl(server, '/ws')}?token=${token}`;
        },
        () => ({
          reconnect: fastReconnect,
          reduce: (ids: string[] = [], m: Note) => [...ids, m.id],
          onAuthError: async (error: TidingsError, { attempt }: { attempt: number }) => {
            void tick.value;
            refusals.push(error.status ?? 0, attempt);
            token = FRESH;
            return true;
          },
        }),
      ),
    );
    await vi.waitFor(() => {
      expect(refusals).toEqual([4401, 1]);
      expect(result.status.value).toBe('open');
    });
    for (let i = 0; i < 3; i++) {
      tick.value++;
      await nextTick();
    }
    expect(result.raw()).toBeInstanceOf(WebSocket);
    expect(result.raw()?.readyState).toBe(WebSocket.OPEN);
    const message = server.publish({ type: 'notification' });
    await vi.waitFor(() => expect(result.data.value).toContain(message.id));
    expect(stats(server, 'ws').opened).toBe(2);
  });

  it('useSSE over fetch: a url getter (handed over through a getter) refreshes the token in the query; new closures never reconnect', async () => {
    const { server, hub } = await setup({ authTokens: [FRESH] });
    let token = 'expired';
    const urls: string[] = [];
    const tick = ref(0);
    const { result } = mount(hub, () =>
      useSSE<Note>(
        () => {
          void tick.value;
          return async () => {
            const url = `${server.url}/api/sse?token=${token}`;
            urls.push(url);
            return url;
          };
        },
        {
          transport: 'fetch',
          events: ['notification'],
          reconnect: fastReconnect,
          onAuthError: () => {
            token = FRESH;
            return true;
          },
        },
      ),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    for (let i = 0; i < 3; i++) {
      tick.value++;
      await nextTick();
    }
    expect(urls).toEqual([
      `${server.url}/api/sse?token=expired`,
      `${server.url}/api/sse?token=${FRESH}`,
    ]);
    const message = server.publish({ type: 'notification' });
    await vi.waitFor(() => expect(result.data.value?.id).toBe(message.id));
    expect(stats(server, 'sse').requests).toBe(2);
  });

  it('usePolling: a { url: getter } source from a computed binds the latest getter; new closures never reconnect', async () => {
    const { server, hub } = await setup({ authTokens: [FRESH] });
    let token = 'expired';
    const tick = ref(0);
    const calls: number[] = [];
    const source = computed(() => {
      const at = tick.value;
      return {
        url: async () => {
          calls.push(at);
          return `${server.url}/api/notifications?token=${token}`;
        },
      };
    });
    const { result } = mount(hub, () =>
      usePolling<{ items: Note[] }>(source, {
        interval: 20,
        reconnect: fastReconnect,
        onAuthError: () => {
          token = FRESH;
          return true;
        },
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    const channel = result.channel.value;
    tick.value = 5;
    await nextTick();
    expect(result.channel.value).toBe(channel);
    // The next attempt calls the latest closure.
    result.reconnect();
    await vi.waitFor(() => expect(calls).toContain(5));
    expect(calls.slice(0, 2)).toEqual([0, 0]);
  });

  it('useSSE over fetch: an async headers getter and onAuthError refresh the token', async () => {
    const { server, hub } = await setup({ authTokens: [FRESH] });
    let token = 'expired';
    let refused = 0;
    const { result } = mount(hub, () =>
      useSSE<Note>(`${server.url}/api/sse`, {
        transport: 'fetch',
        events: ['notification'],
        reconnect: fastReconnect,
        headers: async () => ({ Authorization: `Bearer ${token}` }),
        onAuthError: () => {
          refused++;
          token = FRESH;
          return true;
        },
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(refused).toBe(1);
    const client = result.raw();
    expect(client && 'response' in client ? client.response?.status : undefined).toBe(200);
    const message = server.publish({ type: 'notification' });
    await vi.waitFor(() => expect(result.data.value?.id).toBe(message.id));
    expect(stats(server, 'sse').requests).toBe(2);
  });

  it('raw() is undefined while not connected', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => useWebSocket(wsUrl(server, '/ws'), { enabled: false }));
    expect(result.raw()).toBeUndefined();
  });
});
