// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolling } from '@tidings/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fastReconnect, handClock, mockServer, stats, withHub } from './helpers';

interface Notifications {
  unread: number;
  items: unknown[];
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  // Back to jsdom's own getter on the prototype.
  Reflect.deleteProperty(document, 'hidden');
});

// A long interval: every request in these tests is one the test caused.
const interval = 60_000;

describe('usePolling', () => {
  it('renders data from the server and walks connecting → open', async () => {
    const server = await mockServer();
    server.publish({ type: 'notification', data: { title: 'a' } });
    const { wrapper } = withHub();
    const statuses: string[] = [];
    const { result } = renderHook(
      () => {
        const r = usePolling<Notifications>(`${server.url}/api/notifications`, { interval });
        statuses.push(r.status);
        return r;
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(result.current.data?.unread).toBe(1);
    expect(statuses.indexOf('connecting')).toBeLessThan(statuses.indexOf('open'));
  });

  it('refresh() polls at once and the new value renders', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => usePolling<Notifications>(`${server.url}/api/notifications`, { interval }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.data?.unread).toBe(0));
    server.publish({ type: 'notification', data: { title: 'a' } });
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.data?.unread).toBe(1));
    expect(stats(server, 'poll').requests).toBe(2);
  });

  it('shows reconnecting while the server fails, then open again', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const statuses: string[] = [];
    const { result } = renderHook(
      () => {
        const r = usePolling<Notifications>(`${server.url}/api/notifications`, {
          interval: 20,
          reconnect: fastReconnect,
          notify: 'sync',
        });
        statuses.push(r.status);
        return r;
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    server.setFaults({ status: 503 });
    await waitFor(() => expect(result.current.status).toBe('reconnecting'));
    expect(result.current.error).toMatchObject({ kind: 'http', status: 503 });
    server.setFaults({});
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(result.current.error).toBeNull();
    expect(statuses.lastIndexOf('reconnecting')).toBeLessThan(statuses.lastIndexOf('open'));
  });

  it('close() stops polling', async () => {
    const server = await mockServer();
    const { hub, wrapper } = withHub();
    const clock = handClock();
    const { result } = renderHook(
      () =>
        usePolling<Notifications>(`${server.url}/api/notifications`, {
          interval: 10,
          env: clock.env,
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.received).toBe(1));
    act(() => clock.elapse());
    await waitFor(() => expect(result.current.received).toBe(2));
    expect(clock.pending()).toBe(1);
    act(() => result.current.close());
    await waitFor(() => expect(result.current.status).toBe('closed'));
    await waitFor(() => expect(hub.keys()).toEqual([]));
    // Closed: nothing is scheduled, however much time passes.
    expect(clock.pending()).toBe(0);
    act(() => clock.elapse());
    // A round trip of our own after that: a request of the poller would have been counted first.
    expect((await fetch(`${server.url}/control/stats`)).status).toBe(200);
    expect(stats(server, 'poll').requests).toBe(2);
    expect(result.current.received).toBe(2);
  });

  it('reconnects once when the URL changes, not when the callback changes', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(
      ({ path, onMessage }: { path: string; onMessage: () => void }) =>
        usePolling<Notifications>(`${server.url}${path}`, { interval, onMessage }),
      { wrapper, initialProps: { path: '/api/notifications', onMessage: first } },
    );
    await waitFor(() => expect(result.current.received).toBe(1));
    rerender({ path: '/api/notifications', onMessage: second });
    act(() => result.current.refresh());
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).toHaveBeenCalledTimes(1);
    expect(stats(server, 'poll').requests).toBe(2);
    rerender({ path: '/api/notifications?v=2', onMessage: second });
    await waitFor(() => expect(second).toHaveBeenCalledTimes(2));
    expect(stats(server, 'poll').requests).toBe(3);
  });

  it('calls the latest inline fetcher without reconnecting', async () => {
    const { wrapper } = withHub();
    const { result, rerender } = renderHook(
      ({ n }: { n: number }) => usePolling(async () => n, { interval }),
      { wrapper, initialProps: { n: 1 } },
    );
    await waitFor(() => expect(result.current.data).toBe(1));
    rerender({ n: 2 });
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.data).toBe(2));
    expect(result.current.received).toBe(2);
  });

  it('pauses while the page is hidden', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const clock = handClock();
    const { result } = renderHook(
      () =>
        usePolling<Notifications>(`${server.url}/api/notifications`, {
          interval: 10,
          notify: 'sync',
          env: clock.env,
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.received).toBe(1));
    expect(clock.pending()).toBe(1); // visible: the next poll is scheduled
    act(() => setHidden(true));
    expect(clock.pending()).toBe(0); // hidden: nothing is scheduled, however much time passes
    server.publish({ type: 'notification', data: { title: 'a' } });
    clock.elapse();
    clock.elapse();
    expect(stats(server, 'poll').requests).toBe(1);
    expect(result.current).toMatchObject({ received: 1, data: { unread: 0 } });
  });

  it('polls at once when the page becomes visible again', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => usePolling<Notifications>(`${server.url}/api/notifications`, { interval }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.received).toBe(1));
    act(() => setHidden(true));
    server.publish({ type: 'notification', data: { title: 'a' } });
    act(() => setHidden(false));
    // Well before the 60 s interval: the visible page polled at once.
    await waitFor(() => expect(result.current.data?.unread).toBe(1));
    expect(stats(server, 'poll').requests).toBe(2);
  });
});
