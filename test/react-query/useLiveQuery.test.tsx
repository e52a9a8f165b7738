// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { createHub, createSSE } from '@tidings/core';
import { useLiveQuery } from '@tidings/react-query';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockServer, stats } from '../react/helpers';

interface Unread {
  unread: number;
}
interface Envelope {
  id: string;
  type: string;
  data: { keys?: string[][] } | null;
}

async function setup() {
  const server = await mockServer();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const live = createSSE<Envelope>(`${server.url}/api/sse`, {
    events: ['notification', 'invalidate'],
    transport: 'fetch',
    hub: createHub(),
    notify: 'sync',
  });
  const queryFn = vi.fn(async (): Promise<Unread> => {
    const response = await fetch(`${server.url}/api/notifications`);
    return { unread: ((await response.json()) as Unread).unread };
  });
  const view = renderHook(
    () =>
      useLiveQuery({
        queryKey: ['unread'],
        queryFn,
        staleTime: Number.POSITIVE_INFINITY,
        live,
        update: (old: Unread, message: Envelope) =>
          message.type === 'notification' ? { unread: old.unread + 1 } : old,
        invalidate: (message: Envelope) =>
          message.type === 'invalidate' ? message.data?.keys : undefined,
      }),
    { wrapper },
  );
  await waitFor(() => expect(view.result.current.data).toEqual({ unread: 0 }));
  await waitFor(() => expect(live.getState().status).toBe('open'));
  return { server, queryClient, live, queryFn, view };
}

describe('useLiveQuery', () => {
  it('is seeded by queryFn, then patched by every message without refetching', async () => {
    const { server, queryFn, view, live } = await setup();
    for (let i = 0; i < 5; i++) server.publish({ type: 'notification', data: null });
    await waitFor(() => expect(view.result.current.data).toEqual({ unread: 5 }));
    expect(live.getState().received).toBe(5);
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(stats(server, 'poll').requests).toBe(1);
  });

  it('refetches its query when the channel reports a reset (patches may have been missed)', async () => {
    const { server, queryFn, view, live } = await setup();
    server.publish({ type: 'notification', data: null });
    await waitFor(() => expect(view.result.current.data).toEqual({ unread: 1 }));
    // While the client is cut off, a message is published and the log is cleared: its cursor is
    // gone, so the reconnect is answered with a reset, and the patch for that message never came.
    server.setFaults({ status: 503 });
    server.drop();
    await waitFor(() => expect(live.getState().status).not.toBe('open'));
    server.publish({ type: 'notification', data: null });
    server.reset(); // also clears the faults: the client is let back in
    // The channel retries on the default schedule (up to a few seconds after a 503).
    await waitFor(() => expect(live.getState().error?.kind).toBe('reset'), { timeout: 10_000 });
    await waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2));
    // The refetch reads the server's truth (its reset cleared the unread count).
    await waitFor(() => expect(view.result.current.data).toEqual({ unread: 0 }));
  });

  it('invalidates the keys a message names: exactly one refetch', async () => {
    const { server, queryFn, view, queryClient } = await setup();
    const other = vi.fn(async () => 'x');
    await queryClient.prefetchQuery({ queryKey: ['other'], queryFn: other });
    server.publish({ type: 'notification', data: null });
    await waitFor(() => expect(view.result.current.data).toEqual({ unread: 1 }));
    server.publish({ type: 'invalidate', data: { keys: [['unread']] } });
    await waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2));
    // The refetch reads the server's truth (one notification published).
    await waitFor(() => expect(view.result.current.data).toEqual({ unread: 1 }));
    expect(queryClient.getQueryState(['other'])?.isInvalidated).toBe(false);
    expect(stats(server, 'poll').requests).toBe(2);
  });

  it('keeps a message that arrives while the seed is in flight: refetches instead of dropping', async () => {
    const server = await mockServer();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const live = createSSE<Envelope>(`${server.url}/api/sse`, {
      events: ['notification'],
      transport: 'fetch',
      hub: createHub(),
      notify: 'sync',
    });
    // The first seed reads the server, then is held: its snapshot predates the message.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queryFn = vi.fn(async (): Promise<Unread> => {
      const response = await fetch(`${server.url}/api/notifications`);
      const snapshot = { unread: ((await response.json()) as Unread).unread };
      if (queryFn.mock.calls.length === 1) await held;
      return snapshot;
    });
    const update = vi.fn((old: Unread) => ({ unread: old.unread + 1 }));
    const view = renderHook(
      () =>
        useLiveQuery({
          queryKey: ['unread'],
          queryFn,
          staleTime: Number.POSITIVE_INFINITY,
          live,
          update,
        }),
      { wrapper },
    );
    await waitFor(() => expect(live.getState().status).toBe('open'));
    await waitFor(() => expect(stats(server, 'poll').requests).toBe(1));
    server.publish({ type: 'notification', data: null });
    await waitFor(() => expect(live.getState().received).toBe(1));
    release();
    await waitFor(() => expect(view.result.current.data).toEqual({ unread: 1 }));
    expect(queryFn).toHaveBeenCalledTimes(2);
    expect(update).not.toHaveBeenCalled();
  });

  it('honours `enabled` as a function of the query: false does not listen', async () => {
    const server = await mockServer();
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const live = createSSE<Envelope>(`${server.url}/api/sse`, {
      transport: 'fetch',
      hub: createHub(),
    });
    const enabled = vi.fn(() => false);
    renderHook(
      () =>
        useLiveQuery({
          queryKey: ['unread'],
          queryFn: async () => ({ unread: 0 }),
          enabled,
          live,
          update: (old: Unread) => old,
        }),
      { wrapper },
    );
    await waitFor(() => expect(enabled).toHaveBeenCalled());
    // A round trip after the effects ran: a subscription would have opened the stream by now.
    await (await fetch(`${server.url}/control/stats`)).json();
    expect(live.getState().status).toBe('idle');
    expect(stats(server, 'sse').requests).toBe(0);
  });

  it('stops listening on unmount: the channel disconnects', async () => {
    const { server, view, live } = await setup();
    view.unmount();
    await waitFor(() => expect(stats(server, 'sse').connections).toBe(0));
    expect(live.getState().status).toBe('idle');
  });
});
