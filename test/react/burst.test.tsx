// @vitest-environment jsdom

import { act, render, waitFor } from '@testing-library/react';
import type { TidingsEnv } from '@tidings/core';
import { useWebSocket } from '@tidings/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocket } from '../core/fakeWebSocket';
import { mockServer, withHub, wsUrl } from './helpers';

interface CounterProps {
  url: string;
  reduce: (sum: number | undefined) => number;
  env?: Partial<TidingsEnv>;
}

function Counter({ url, reduce, env }: CounterProps) {
  const { data, status } = useWebSocket<unknown, number>(url, { reduce, env });
  return <output>{`${status}:${data ?? 0}`}</output>;
}

describe('a burst of 1,000 messages', () => {
  it('reaches reduce 1,000 times but commits only a few renders', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const reduce = vi.fn((sum: number | undefined) => (sum ?? 0) + 1);
    let commits = 0;
    const view = render(
      <Profiler id="burst" onRender={() => commits++}>
        <Counter url={wsUrl(server, '/ws')} reduce={reduce} />
      </Profiler>,
      { wrapper },
    );
    await waitFor(() => expect(view.container.textContent).toBe('open:0'));
    const before = commits;
    // The animation frames that pass while the burst arrives: how many depends on the machine's
    // load (a fixed cap of 50 commits failed when delivery spread over more than 50 frames).
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (let i = 0; i < 1000; i++) server.publish({ type: 'notification', data: i });
    await waitFor(() => expect(view.container.textContent).toBe('open:1000'));
    counting = false;
    expect(reduce).toHaveBeenCalledTimes(1000);
    // One commit per animation frame at most, however the socket chunks the burst and however
    // slowly it arrives (+1: the frame in which counting started may already be under way).
    expect(commits - before).toBeLessThanOrEqual(frames + 1);
    expect(commits - before).toBeLessThan(1000);
  });
});

describe('a burst of 10,000 messages in a hidden tab', () => {
  afterEach(() => {
    // Back to jsdom's own getter on the prototype.
    Reflect.deleteProperty(document, 'hidden');
  });

  it('reaches reduce 10,000 times but commits only a few renders', async () => {
    // Hidden tabs run no animation frames, so notify: 'frame' has to batch some other way.
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    const fake = fakeWebSocket();
    const { wrapper } = withHub();
    const reduce = vi.fn((sum: number | undefined) => (sum ?? 0) + 1);
    let commits = 0;
    const view = render(
      <Profiler id="burst" onRender={() => commits++}>
        <Counter url="ws://x.test/ws" reduce={reduce} env={{ WebSocket: fake.WebSocket }} />
      </Profiler>,
      { wrapper },
    );
    act(() => fake.last.open());
    await waitFor(() => expect(view.container.textContent).toBe('open:0'));
    const before = commits;
    // A browser's socket queues one task per message; each is its own task here too.
    for (let i = 0; i < 10_000; i++) setImmediate(() => fake.last.receive(`{"n":${i}}`));
    await waitFor(() => expect(view.container.textContent).toBe('open:10000'), { timeout: 10_000 });
    expect(reduce).toHaveBeenCalledTimes(10_000);
    console.info(`hidden tab, 10,000 messages one per task: ${commits - before} React commit(s)`);
    expect(commits - before).toBeLessThanOrEqual(5);
  });
});
