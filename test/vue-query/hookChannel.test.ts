// @vitest-environment jsdom
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query';
import { createHub, type Hub } from '@tidings/core';
import { startMockServer } from '@tidings/mock-server';
import { tidings, useSSE } from '@tidings/vue';
import { useLiveQuery } from '@tidings/vue-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h } from 'vue';
import { pageOrigins, stats } from '../shared/mockServerHelpers';

interface Unread {
  unread: number;
}
interface Envelope {
  id: string;
  type: string;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `fn` in a component of an app with the tidings plugin (`hub`) and TanStack Query. */
function mount<T>(hub: Hub, queryClient: QueryClient, fn: () => T): T {
  let result: T | undefined;
  const app = createApp(
    defineComponent({
      setup() {
        result = fn();
        return () => h('div');
      },
    }),
  )
    .use(tidings, { hub })
    .use(VueQueryPlugin, { queryClient });
  app.mount(document.createElement('div'));
  cleanups.push(() => app.unmount());
  return result as T;
}

describe("useLiveQuery over a composable's channel", () => {
  it('shares the composable’s one connection under the tidings plugin', async () => {
    const server = await startMockServer({ port: 0, allowOrigins: pageOrigins() });
    cleanups.push(() => server.close());
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    cleanups.push(() => queryClient.clear());
    const hub = createHub();
    const { feed, unread } = mount(hub, queryClient, () => {
      const feed = useSSE<Envelope>(`${server.url}/api/sse`, {
        events: ['notification'],
        transport: 'fetch',
      });
      const unread = useLiveQuery<Envelope, Unread>({
        queryKey: ['unread'],
        queryFn: async () => ({ unread: 0 }),
        staleTime: Number.POSITIVE_INFINITY,
        live: feed.channel,
        update: (old, message) =>
          message.type === 'notification' ? { unread: old.unread + 1 } : old,
      });
      return { feed, unread };
    });

    await vi.waitFor(() => expect(feed.status.value).toBe('open'));
    await vi.waitFor(() => expect(unread.data.value).toEqual({ unread: 0 }));
    for (let i = 0; i < 3; i++) server.publish({ type: 'notification', data: null });
    await vi.waitFor(() => expect(unread.data.value).toEqual({ unread: 3 }));
    expect(feed.received.value).toBe(3);
    // One stream for the composable and the query: the plugin's hub, not a second one.
    expect(stats(server, 'sse')).toMatchObject({ opened: 1, connections: 1 });
    expect(hub.keys()).toHaveLength(1);
  });
});
