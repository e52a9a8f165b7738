// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { useWebSocket } from '@tidings/react';
import { describe, expect, it } from 'vitest';
import { mockServer, stats, withHub, wsUrl } from './helpers';

describe('an inline function nested in options', () => {
  it('(a heartbeat pong) never reconnects on a re-render', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result, rerender } = renderHook(
      () =>
        useWebSocket(wsUrl(server, '/ws'), {
          heartbeat: { interval: 25_000, pong: (raw: unknown) => raw === '{"type":"pong"}' },
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    const channel = result.current.channel;
    for (let render = 0; render < 5; render++) rerender();
    expect(result.current.channel).toBe(channel);
    expect(result.current.status).toBe('open');
    // A round trip to the server after the re-renders: a new socket would have been counted.
    server.publish({ type: 'notification', data: null });
    await waitFor(() => expect(result.current.received).toBe(1));
    expect(stats(server, 'ws')).toMatchObject({ opened: 1, connections: 1 });
  });
});
