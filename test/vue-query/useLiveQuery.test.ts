// @vitest-environment jsdom
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query';
import { createHub, createWebSocket } from '@tidings/core';
import { startMockServer } from '@tidings/mock-server';
import { useLiveQuery } from '@tidings/vue-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h } from 'vue';
import { pageOrigins } from '../shared/mockServerHelpers';

type MockServer = Awaited<ReturnType<typeof startMockServer>>;
interface Snapshot {
  unread: number;
  items: Array<{ id: string }>;
}
interface Message {
  id: string;
  type: string;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const server: MockServer = await startMockServer({ port: 0, allowOrigins: pageOrigins() });
  cleanups.push(() => server.close());
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  cleanups.push(() => queryClient.clear());
  const channel = createWebSocket<Message>(`${server.url.replace(/^http/, 'ws')}/ws`, {
    hub: createHub(),
    reconnect: { minDelay: 10, maxDelay: 50 },
  });
  const queryFn = vi.fn(
    async (): Promise<Snapshot> => (await fetch(`${server.url}/api/notifications`)).json(),
  );
  return { server, queryClient, channel, queryFn };
}

function mount<T>(queryClient: QueryClient, fn: () => T): T {
  let result: T | undefined;
  const app = createApp(
    defineComponent({
      setup() {
        result = fn();
        return () => h('div');
      },
    }),
  ).use(VueQueryPlugin, { queryClient });
  app.mount(document.createElement('div'));
  cleanups.push(() => app.unmount());
  return result as T;
}

describe('useLiveQuery', () => {
  it('refetches its query when the channel reports a reset (patches may have been missed)', async () => {
    const { server, queryClient, channel, queryFn } = await setup();
    const query = mount(queryClient, () =>
      useLiveQuery<Message, Snapshot>({
        queryKey: ['notifications'],
        queryFn,
        live: channel,
        update: (old, message) => ({ ...old, items: [...old.items, { id: message.id }] }),
      }),
    );
    await vi.waitFor(() => expect(query.data.value).toEqual({ unread: 0, items: [] }));
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    await vi.waitFor(() => expect(channel.getState().cursor).toBeDefined());
    // While the client is cut off, a message is published and the log is cleared: the reconnect
    // is answered with a reset, and the patch for that message never came.
    server.setFaults({ status: 503 });
    server.drop();
    await vi.waitFor(() => expect(channel.getState().status).not.toBe('open'));
    server.publish({ type: 'notification', data: {} });
    server.reset(); // also clears the faults: the client is let back in
    await vi.waitFor(() => expect(channel.getState().error?.kind).toBe('reset'));
    await vi.waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2));
    expect(query.data.value).toEqual({ unread: 0, items: [] });
  });

  it('seeds with queryFn, then patches from messages without refetching', async () => {
    const { server, queryClient, channel, queryFn } = await setup();
    const query = mount(queryClient, () =>
      useLiveQuery<Message, Snapshot>({
        queryKey: ['notifications'],
        queryFn,
        live: channel,
        update: (old, message) => ({
          unread: old.unread + 1,
          items: [...old.items, { id: message.id }],
        }),
      }),
    );
    await vi.waitFor(() => expect(query.data.value).toEqual({ unread: 0, items: [] }));
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const a = server.publish({ type: 'notification', data: {} });
    const b = server.publish({ type: 'notification', data: {} });
    await vi.waitFor(() => expect(query.data.value?.unread).toBe(2));
    expect(query.data.value?.items).toEqual([{ id: a.id }, { id: b.id }]);
    expect(queryFn).toHaveBeenCalledTimes(1);
  });

  it('invalidates the keys a message names: one refetch', async () => {
    const { server, queryClient, channel, queryFn } = await setup();
    const query = mount(queryClient, () =>
      useLiveQuery<Message, Snapshot>({
        queryKey: ['notifications'],
        queryFn,
        live: channel,
        invalidate: (message) =>
          message.type === 'notification' ? [['notifications']] : undefined,
      }),
    );
    await vi.waitFor(() => expect(query.data.value).toBeDefined());
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    server.publish({ type: 'chat', data: {} });
    server.publish({ type: 'notification', data: {} });
    await vi.waitFor(() => expect(query.data.value?.unread).toBe(1));
    expect(queryFn).toHaveBeenCalledTimes(2);
  });

  it('keeps a message that arrives while the seed is in flight: refetches instead of dropping', async () => {
    const { server, queryClient, channel } = await setup();
    // The first seed reads the server, then is held: its snapshot predates the message.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queryFn = vi.fn(async (): Promise<Snapshot> => {
      const snapshot = (await (await fetch(`${server.url}/api/notifications`)).json()) as Snapshot;
      if (queryFn.mock.calls.length === 1) await held;
      return snapshot;
    });
    const update = vi.fn((old: Snapshot) => ({ ...old, unread: old.unread + 1 }));
    const query = mount(queryClient, () =>
      useLiveQuery<Message, Snapshot>({
        queryKey: ['notifications'],
        queryFn,
        live: channel,
        update,
      }),
    );
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    await vi.waitFor(() => expect(server.stats().transports.poll.requests).toBe(1));
    const { id } = server.publish({ type: 'notification', data: {} });
    await vi.waitFor(() => expect(channel.getState().received).toBe(1));
    release();
    await vi.waitFor(() => expect(query.data.value?.unread).toBe(1));
    expect(query.data.value?.items.map((item) => item.id)).toEqual([id]);
    expect(queryFn).toHaveBeenCalledTimes(2);
    expect(update).not.toHaveBeenCalled();
  });

  it('stops listening when unmounted', async () => {
    const { queryClient, channel, queryFn } = await setup();
    mount(queryClient, () =>
      useLiveQuery<Message, Snapshot>({ queryKey: ['n'], queryFn, live: channel }),
    );
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    for (const cleanup of cleanups.splice(2).reverse()) await cleanup();
    await vi.waitFor(() => expect(channel.getState().status).toBe('idle'));
  });
});
