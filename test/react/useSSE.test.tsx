// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import { useSSE } from '@tidings/react';
import { describe, expect, it } from 'vitest';
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

describe('useSSE request-scoped stream (POST /api/chat, manual)', () => {
  const options = {
    method: 'POST',
    manual: true as const,
    events: ['token'],
    reduce: (text: string | undefined, m: { token: string }) => (text ?? '') + m.token,
  };

  it('sends nothing until start(), then accumulates every token', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => useSSE<{ token: string }, string>(`${server.url}/api/chat`, options),
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

  it('stop() ends it without an error and keeps the answer so far', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => useSSE<{ token: string }, string>(`${server.url}/api/chat`, options),
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
