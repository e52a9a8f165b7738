// @vitest-environment jsdom

import { render, waitFor } from '@testing-library/react';
import { useWebSocket } from '@tidings/react';
import { Profiler } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockServer, withHub, wsUrl } from './helpers';

function Counter({ url, reduce }: { url: string; reduce: (sum: number | undefined) => number }) {
  const { data, status } = useWebSocket<unknown, number>(url, { reduce });
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
    for (let i = 0; i < 1000; i++) server.publish({ type: 'notification', data: i });
    await waitFor(() => expect(view.container.textContent).toBe('open:1000'));
    expect(reduce).toHaveBeenCalledTimes(1000);
    // One commit per animation frame at most, however the socket chunks the burst.
    expect(commits - before).toBeLessThan(50);
  });
});
