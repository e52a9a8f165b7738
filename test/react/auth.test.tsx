// @vitest-environment jsdom

import { renderHook, waitFor } from '@testing-library/react';
import type { TidingsError } from '@tidings/core';
import { useLongPoll, useSSE, useWebSocket } from '@tidings/react';
import { describe, expect, it } from 'vitest';
import { fastReconnect, mockServer, stats, withHub, wsUrl } from './helpers';

const FRESH = 'fresh-token';

interface Note {
  id: string;
  type: string;
}

describe('auth that refreshes, through the React hooks', () => {
  it('useWebSocket: an inline async url getter and onAuthError refresh an expired token, without reconnecting per render', async () => {
    const server = await mockServer({ authTokens: [FRESH] });
    const { wrapper } = withHub();
    let token = 'expired';
    const refusals: number[] = [];
    const { result, rerender } = renderHook(
      () =>
        useWebSocket<Note, string[]>(async () => `${wsUrl(server, '/ws')}?token=${token}`, {
          reconnect: fastReconnect,
          reduce: (ids = [], m) => [...ids, m.id],
          onAuthError: async (error: TidingsError, { attempt }) => {
            refusals.push(error.status ?? 0, attempt);
            token = FRESH;
            return true;
          },
        }),
      { wrapper },
    );
    await waitFor(() => {
      expect(refusals).toEqual([4401, 1]);
      expect(result.current.status).toBe('open');
    });
    const raw = result.current.raw;
    for (let i = 0; i < 3; i++) rerender();
    expect(result.current.raw).toBe(raw);
    expect(result.current.raw()).toBeInstanceOf(WebSocket);
    expect(result.current.raw()?.readyState).toBe(WebSocket.OPEN);
    const message = server.publish({ type: 'notification' });
    await waitFor(() => expect(result.current.data).toContain(message.id));
    // The refused socket and the accepted one: new closures on every render opened nothing more.
    expect(stats(server, 'ws').opened).toBe(2);
  });

  it('useSSE over fetch: an inline async headers getter and onAuthError refresh the token', async () => {
    const server = await mockServer({ authTokens: [FRESH] });
    const { wrapper } = withHub();
    let token = 'expired';
    let refused = 0;
    const { result, rerender } = renderHook(
      () =>
        useSSE<Note>(`${server.url}/api/sse`, {
          transport: 'fetch',
          events: ['notification'],
          reconnect: fastReconnect,
          headers: async () => ({ Authorization: `Bearer ${token}` }),
          onAuthError: () => {
            refused++;
            token = FRESH;
            return true;
          },
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    rerender();
    expect(refused).toBe(1);
    const client = result.current.raw();
    expect(client && 'response' in client ? client.response?.status : undefined).toBe(200);
    const message = server.publish({ type: 'notification' });
    await waitFor(() => expect(result.current.data?.id).toBe(message.id));
    // One refused request, one accepted.
    expect(stats(server, 'sse').requests).toBe(2);
  });

  it('useSSE over fetch: an inline async url getter (token in the query) and onAuthError refresh it; new closures never reconnect', async () => {
    const server = await mockServer({ authTokens: [FRESH] });
    const { wrapper } = withHub();
    let token = 'expired';
    const urls: string[] = [];
    let refused = 0;
    const { result, rerender } = renderHook(
      () =>
        useSSE<Note>(
          async () => {
            const url = `${server.url}/api/sse?token=${token}`;
            urls.push(url);
            return url;
          },
          {
            transport: 'fetch',
            events: ['notification'],
            reconnect: fastReconnect,
            onAuthError: () => {
              refused++;
              token = FRESH;
              return true;
            },
          },
        ),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    for (let i = 0; i < 3; i++) rerender();
    expect(refused).toBe(1);
    // Called once per attempt, never per render: the refused one and the accepted one.
    expect(urls).toEqual([
      `${server.url}/api/sse?token=expired`,
      `${server.url}/api/sse?token=${FRESH}`,
    ]);
    const message = server.publish({ type: 'notification' });
    await waitFor(() => expect(result.current.data?.id).toBe(message.id));
    expect(stats(server, 'sse').requests).toBe(2);
  });

  it('useLongPoll: an inline { url: getter } source refreshes the token without reconnecting per render', async () => {
    const server = await mockServer({ authTokens: [FRESH] });
    const { wrapper } = withHub();
    let token = 'expired';
    let refused = 0;
    const { result, rerender } = renderHook(
      () =>
        useLongPoll<Note>(
          { url: async () => `${server.url}/api/long-poll?token=${token}` },
          {
            reconnect: fastReconnect,
            onAuthError: () => {
              refused++;
              token = FRESH;
              return true;
            },
          },
        ),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    const channel = result.current.channel;
    for (let i = 0; i < 3; i++) rerender();
    expect(result.current.channel).toBe(channel);
    expect(refused).toBe(1);
    const message = server.publish({ type: 'notification' });
    await waitFor(() => expect(result.current.data?.id).toBe(message.id));
  });

  it('raw() is undefined while not connected', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(() => useWebSocket(wsUrl(server, '/ws'), { enabled: false }), {
      wrapper,
    });
    expect(result.current.raw()).toBeUndefined();
  });
});
