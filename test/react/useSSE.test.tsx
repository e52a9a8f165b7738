// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import { resetWarnings } from '@tidings/core/binding';
import { useSSE, useSSEStream } from '@tidings/react';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fastReconnect, idOf, mockServer, stats, withHub } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

describeHook<Envelope>('useSSE', {
  transport: 'sse',
  resumes: true,
  use: (server, { variant, reduce, onMessage, notify }) =>
    useSSE<Envelope, string[]>(`${server.url}/api/sse?v=${variant}`, {
      events: ['notification'],
      transport: 'fetch',
      reconnect: fastReconnect,
      reduce,
      onMessage,
      notify,
    }),
  idOf,
});

describe('useSSEStream: a request-scoped stream (POST /api/chat)', () => {
  const options = {
    method: 'POST',
    events: ['token'],
    reduce: (text: string | undefined, m: { token: string }) => (text ?? '') + m.token,
  };

  it('sends nothing until start(), then accumulates every token', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => useSSEStream<{ token: string }, string>(`${server.url}/api/chat`, options),
      { wrapper },
    );
    expect(result.current.status).toBe('idle');
    expect(stats(server, 'chat').requests).toBe(0);
    act(() => result.current.start({ prompt: 'Hello there' }));
    await waitFor(() => expect(result.current.status).toBe('closed'), { timeout: 10_000 });
    expect(result.current.error).toBeNull();
    expect(result.current.data?.length).toBeGreaterThan(0);
    expect(result.current.received).toBeGreaterThan(1);
    expect(stats(server, 'chat').requests).toBe(1);
  });

  // Slow tokens: the answer would stream for about 15 s, far longer than any wait below, so a
  // connection that closes was closed by the client.
  const slowTokens = { tokenDelayMs: 250 };

  it('unmounting mid-stream aborts the request', async () => {
    const server = await mockServer(slowTokens);
    const { wrapper } = withHub();
    const { result, unmount } = renderHook(
      () => useSSEStream<{ token: string }, string>(`${server.url}/api/chat`, options),
      { wrapper },
    );
    act(() => result.current.start({ prompt: 'Hello there' }));
    await waitFor(() => expect(result.current.received).toBeGreaterThan(0));
    expect(stats(server, 'chat').connections).toBe(1);
    unmount();
    await waitFor(() => expect(stats(server, 'chat').connections).toBe(0));
  });

  it('six started-then-unmounted components hold no connection, and a seventh streams', async () => {
    const server = await mockServer(slowTokens);
    const { wrapper } = withHub();
    const mountAndStart = (prompt: string) => {
      const view = renderHook(
        () => useSSEStream<{ token: string }, string>(`${server.url}/api/chat`, options),
        { wrapper },
      );
      act(() => view.result.current.start({ prompt }));
      return view;
    };
    for (let mount = 1; mount <= 6; mount++) {
      const { unmount } = mountAndStart(`question ${mount}`);
      await waitFor(() => expect(stats(server, 'chat').opened).toBe(mount));
      unmount();
      await waitFor(() => expect(stats(server, 'chat').connections).toBe(0));
    }
    const { result } = mountAndStart('question 7');
    await waitFor(() => expect(result.current.received).toBeGreaterThan(0));
    expect(stats(server, 'chat')).toMatchObject({ opened: 7, connections: 1 });
  });

  it('under StrictMode, the stream started after the final mount runs, and unmount aborts it', async () => {
    const server = await mockServer(slowTokens);
    const { wrapper } = withHub({ strict: true });
    const { result, unmount } = renderHook(
      () => {
        const answer = useSSEStream<{ token: string }, string>(`${server.url}/api/chat`, options);
        const { start } = answer;
        // StrictMode runs this twice around a rehearsed unmount: the first stream must be aborted.
        useEffect(() => start({ prompt: 'asked on mount' }), [start]);
        return answer;
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.received).toBeGreaterThan(0));
    expect(result.current.status).toBe('open');
    await waitFor(() => expect(stats(server, 'chat').connections).toBe(1));
    unmount();
    await waitFor(() => expect(stats(server, 'chat').connections).toBe(0));
  });

  it('stop() ends it without an error and keeps the answer so far', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => useSSEStream<{ token: string }, string>(`${server.url}/api/chat`, options),
      { wrapper },
    );
    const { start, stop } = result.current;
    act(() => start({ prompt: 'a long answer please, with many many tokens in it' }));
    await waitFor(() => expect(result.current.received).toBeGreaterThan(0));
    act(() => stop());
    await waitFor(() => expect(result.current.status).toBe('closed'));
    const sofar = result.current.data;
    expect(result.current.error).toBeNull();
    expect(sofar?.length).toBeGreaterThan(0);
    expect(result.current.start).toBe(start);
    expect(result.current.stop).toBe(stop);
    await waitFor(() => expect(stats(server, 'chat').connections).toBe(0));
    expect(result.current.data).toBe(sofar);
  });
});

describe('useSSEStream with a url getter (a token in the query)', () => {
  const FRESH = 'fresh-token';
  const EXPIRED = 'expired-token';
  const options = {
    method: 'POST',
    events: ['token'],
    reduce: (text: string | undefined, m: { token: string }) => (text ?? '') + m.token,
  };

  it('calls the latest inline getter on every start, never per render; a refusal hides the token', async () => {
    const server = await mockServer({ authTokens: [FRESH], tokenDelayMs: 0 });
    const { wrapper } = withHub();
    let token = EXPIRED;
    const urls: string[] = [];
    const { result, rerender } = renderHook(
      () =>
        useSSEStream<{ token: string }, string>(async () => {
          const url = `${server.url}/api/chat?token=${token}`;
          urls.push(url);
          return url;
        }, options),
      { wrapper },
    );
    const channel = result.current.channel;
    for (let i = 0; i < 3; i++) rerender();
    expect(urls).toEqual([]);

    act(() => result.current.start({ prompt: 'Hello there' }));
    await waitFor(() => expect(result.current.status).toBe('closed'));
    expect(result.current.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(result.current.error?.message).toBe(`HTTP 401 from ${server.url}/api/chat?…`);

    token = FRESH;
    rerender();
    act(() => result.current.start({ prompt: 'Hello there' }));
    // The state reaches React on the next notify: wait for the new answer's end, not any 'closed'.
    await waitFor(() => expect(result.current).toMatchObject({ status: 'closed', error: null }), {
      timeout: 10_000,
    });
    expect(result.current.data?.length).toBeGreaterThan(0);
    // New closures on every render changed neither the channel nor what a start calls.
    expect(result.current.channel).toBe(channel);
    expect(urls).toEqual([
      `${server.url}/api/chat?token=${EXPIRED}`,
      `${server.url}/api/chat?token=${FRESH}`,
    ]);
    expect(stats(server, 'chat').requests).toBe(2);
  });

  it('a rejected getter ends the stream with a clear auth error, never a render error, and nothing is sent', async () => {
    const server = await mockServer({ tokenDelayMs: 0 });
    const { wrapper } = withHub();
    let fail = true;
    const { result } = renderHook(
      () =>
        useSSEStream<{ token: string }, string>(async () => {
          if (fail) throw new Error('token endpoint down');
          return `${server.url}/api/chat`;
        }, options),
      { wrapper },
    );
    act(() => result.current.start({ prompt: 'Hello there' }));
    await waitFor(() => expect(result.current.status).toBe('closed'));
    expect(result.current.error).toMatchObject({
      kind: 'auth',
      message: 'The url getter failed: token endpoint down',
    });
    expect(stats(server, 'chat').requests).toBe(0);

    fail = false;
    act(() => result.current.start({ prompt: 'Hello there' }));
    await waitFor(() => expect(result.current).toMatchObject({ status: 'closed', error: null }), {
      timeout: 10_000,
    });
    expect(result.current.data?.length).toBeGreaterThan(0);
  });
});

describe('useSSE is a subscription only', () => {
  it('returns no start/stop, and its channel is the one object per wire identity', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result, rerender } = renderHook(
      ({ events }: { events: string[] }) =>
        useSSE(`${server.url}/api/sse`, { events: [...events], transport: 'fetch' }),
      { wrapper, initialProps: { events: ['notification'] } },
    );
    expect(result.current).not.toHaveProperty('start');
    expect(result.current).not.toHaveProperty('stop');
    const first = result.current.channel;
    rerender({ events: ['notification'] });
    expect(result.current.channel).toBe(first);
    rerender({ events: ['invalidate'] });
    expect(result.current.channel).not.toBe(first);
  });

  it('keeps the deprecated manual: true working, with one development warning', async () => {
    resetWarnings();
    const warn = vi.spyOn(console, 'warn');
    const server = await mockServer();
    const { wrapper } = withHub();
    const chat = () =>
      useSSE<{ token: string }, string>(`${server.url}/api/chat`, {
        method: 'POST',
        manual: true,
        events: ['token'],
        reduce: (text = '', m) => text + m.token,
      });
    const { result } = renderHook(() => [chat(), chat()] as const, { wrapper });
    act(() => result.current[0].start({ prompt: 'Hello there' }));
    await waitFor(() => expect(result.current[0].status).toBe('closed'), { timeout: 10_000 });
    expect(result.current[0].data?.length).toBeGreaterThan(0);
    const deprecations = warn.mock.calls.filter(([text]) => String(text).includes('manual: true'));
    expect(deprecations).toHaveLength(1);
    warn.mockRestore();
  });
});
