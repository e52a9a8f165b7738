// @vitest-environment jsdom
import { usePolling } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref, watch } from 'vue';
import { fakePage } from '../core/fakeEnv';
import { fastReconnect, inScope, mount, setup, stats } from './harness';

interface Snapshot {
  unread: number;
  items: Array<{ id: string }>;
}

describe('usePolling', () => {
  it('delivers data and goes connecting → open', async () => {
    const { server, hub } = await setup();
    server.publish({ type: 'notification', data: { title: 'a' } });
    const statuses: string[] = [];
    const { result } = mount(hub, () => {
      const polling = usePolling<Snapshot>(`${server.url}/api/notifications`, {
        interval: 60_000,
      });
      watch(polling.status, (s) => statuses.push(s), { immediate: true, flush: 'sync' });
      return polling;
    });
    await vi.waitFor(() => expect(result.data.value?.unread).toBe(1));
    expect(statuses).toEqual(['connecting', 'open']);
    expect(result.received.value).toBe(1);
  });

  it('refresh() polls at once and counts identical answers twice', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      usePolling<Snapshot>(`${server.url}/api/notifications`, { interval: 60_000 }),
    );
    await vi.waitFor(() => expect(result.received.value).toBe(1));
    result.refresh();
    await vi.waitFor(() => expect(result.received.value).toBe(2));
    expect(stats(server, 'poll').requests).toBe(2);
  });

  it('a URL ref change reconnects once; a callback change does not', async () => {
    const { server, hub } = await setup();
    const url = ref(`${server.url}/api/notifications?v=1`);
    const first = vi.fn();
    const second = vi.fn();
    const onMessage = ref(first);
    const { result } = mount(hub, () =>
      usePolling<Snapshot>(url, () => ({
        interval: 60_000,
        reconnect: fastReconnect,
        onMessage: onMessage.value,
      })),
    );
    await vi.waitFor(() => expect(first).toHaveBeenCalledTimes(1));
    onMessage.value = second;
    await nextTick();
    expect(stats(server, 'poll').requests).toBe(1);
    url.value = `${server.url}/api/notifications?v=2`;
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    await nextTick();
    expect(stats(server, 'poll').requests).toBe(2);
    expect(first).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
  });

  it('pauses while hidden and polls at once when visible again', async () => {
    const { server, hub } = await setup();
    const page = fakePage();
    // A hand-driven clock: "time passing" is running every pending timer, no wall-time wait.
    const timers = new Map<number, () => void>();
    let nextTimer = 0;
    const env = {
      ...page.env,
      setTimeout: (fn: () => void) => {
        timers.set(++nextTimer, fn);
        return nextTimer;
      },
      clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    };
    const elapse = () => {
      for (const [handle, fn] of [...timers]) {
        timers.delete(handle);
        fn();
      }
    };
    let polls = 0;
    const { result } = mount(hub, () =>
      usePolling<Snapshot>(
        async ({ signal }) => {
          polls++;
          return (await fetch(`${server.url}/api/notifications`, { signal })).json();
        },
        { interval: 20, notify: 'sync', env },
      ),
    );
    await vi.waitFor(() => expect(result.received.value).toBe(1));
    // Visible: the next poll is scheduled, and time passing runs it.
    expect(timers.size).toBe(1);
    elapse();
    expect(polls).toBe(2);
    await vi.waitFor(() => expect(result.received.value).toBe(2));
    page.setHidden(true);
    server.publish({ type: 'notification', data: { title: 'while hidden' } });
    // Hidden: no poll is scheduled, however much time passes.
    expect(timers.size).toBe(0);
    elapse();
    elapse();
    expect(polls).toBe(2);
    expect(result.received.value).toBe(2);
    page.setHidden(false);
    expect(polls).toBe(3);
    await vi.waitFor(() => expect(result.data.value?.unread).toBe(1));
    expect(stats(server, 'poll').requests).toBe(3);
  });

  it('works outside components in an effectScope, and stops with it', async () => {
    const { server, hub } = await setup();
    const { result, scope } = inScope(() =>
      usePolling<Snapshot>(`${server.url}/api/notifications`, { interval: 20, hub }),
    );
    await vi.waitFor(() => expect(result.received.value).toBeGreaterThanOrEqual(2));
    scope.stop();
    await vi.waitFor(() => expect(hub.keys()).toEqual([]));
  });
});
