// @vitest-environment jsdom

import { act, render, waitFor } from '@testing-library/react';
import { usePolling, useWebSocket } from '@tidings/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handClock, mockServer, stats, withHub } from './helpers';

// The page events tidings listens to (React DOM itself adds others, such as selectionchange).
const pageEvents = new Set(['online', 'offline', 'pageshow', 'visibilitychange', 'message']);

/** Counts page listeners added minus removed, per event type tidings uses. */
function watchListeners() {
  const balance = new Map<string, number>();
  for (const target of [window, document]) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    vi.spyOn(target, 'addEventListener').mockImplementation((type, ...rest) => {
      if (pageEvents.has(type)) balance.set(type, (balance.get(type) ?? 0) + 1);
      add(type, ...rest);
    });
    vi.spyOn(target, 'removeEventListener').mockImplementation((type, ...rest) => {
      if (pageEvents.has(type)) balance.set(type, (balance.get(type) ?? 0) - 1);
      remove(type, ...rest);
    });
  }
  return {
    added: () => balance.size,
    leftover: () => [...balance].filter(([, n]) => n !== 0),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

type Clock = ReturnType<typeof handClock>;

function Both({ base, clock }: { base: string; clock: Clock }) {
  const socket = useWebSocket(`${base.replace(/^http/, 'ws')}/ws`);
  const poll = usePolling(`${base}/api/notifications`, { interval: 10, env: clock.env });
  return (
    <p>
      {socket.status} {poll.received}
    </p>
  );
}

describe('unmount', () => {
  it('leaves no socket, no poll timer, no page listener and no hub key', async () => {
    const server = await mockServer();
    const { hub, wrapper } = withHub();
    const listeners = watchListeners();
    const clock = handClock();
    const view = render(<Both base={server.url} clock={clock} />, { wrapper });
    await waitFor(() => expect(view.container.textContent).toBe('open 1'));
    act(() => clock.elapse());
    await waitFor(() => expect(view.container.textContent).toBe('open 2'));
    expect(clock.pending()).toBe(1);
    expect(stats(server, 'ws').connections).toBe(1);
    expect(hub.keys()).toHaveLength(2);
    expect(listeners.added()).toBeGreaterThan(0);
    view.unmount();
    await waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    expect(hub.keys()).toEqual([]);
    expect(listeners.leftover()).toEqual([]);
    // The poll timer is gone: nothing is scheduled, and time passing sends no request.
    expect(clock.pending()).toBe(0);
    clock.elapse();
    expect((await fetch(`${server.url}/control/stats`)).status).toBe(200);
    expect(stats(server, 'poll').requests).toBe(2);
  });
});
