// @vitest-environment jsdom

import { renderHook, waitFor } from '@testing-library/react';
import { usePolling, useWebSocket } from '@tidings/react';
import { describe, expect, it } from 'vitest';
import { mockServer, stats, withHub, wsUrl } from './helpers';

describe('StrictMode (mount, unmount, mount)', () => {
  it('leaves exactly one WebSocket, opened once', async () => {
    const server = await mockServer();
    const { hub, wrapper } = withHub({ strict: true });
    const { result, unmount } = renderHook(() => useWebSocket(wsUrl(server, '/ws')), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(stats(server, 'ws')).toMatchObject({ connections: 1, opened: 1 });
    expect(hub.keys()).toHaveLength(1);
    const { id } = server.publish({ type: 'notification', data: 'x' });
    await waitFor(() => expect(result.current.data).toMatchObject({ id }));
    unmount();
    await waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    expect(hub.keys()).toEqual([]);
  });

  it('sends one poll request, not two', async () => {
    const server = await mockServer();
    const { wrapper } = withHub({ strict: true });
    const { result } = renderHook(
      () => usePolling(`${server.url}/api/notifications`, { interval: 60_000 }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(stats(server, 'poll').requests).toBe(1);
    expect(result.current.received).toBe(1);
  });
});
