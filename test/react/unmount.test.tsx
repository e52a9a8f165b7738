// @vitest-environment jsdom

import { render, waitFor } from '@testing-library/react';
import { usePolling, useWebSocket } from '@tidings/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { letTicksPass, mockServer, stats, withHub } from './helpers';

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

function Both({ base }: { base: string }) {
  const socket = useWebSocket(`${base.replace(/^http/, 'ws')}/ws`);
  const poll = usePolling(`${base}/api/notifications`, { interval: 10 });
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
    const view = render(<Both base={server.url} />, { wrapper });
    await waitFor(() => expect(view.container.textContent).toMatch(/^open [2-9]/));
    expect(stats(server, 'ws').connections).toBe(1);
    expect(hub.keys()).toHaveLength(2);
    expect(listeners.added()).toBeGreaterThan(0);
    view.unmount();
    await waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    expect(hub.keys()).toEqual([]);
    expect(listeners.leftover()).toEqual([]);
    // The poll timer is gone: while time passes, no request of ours comes.
    const requests = stats(server, 'poll').requests;
    await letTicksPass(5);
    expect(stats(server, 'poll').requests).toBe(requests);
  });
});
