// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { resetWarnings } from '@tidings/core/binding';
import { useSSE, useWebSocket } from '@tidings/react';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { mockServer, withHub, wsUrl } from './helpers';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  resetWarnings();
  warn = vi.spyOn(console, 'warn');
});
afterEach(() => warn.mockRestore());

const warnings = (text: string) =>
  warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes(text));

// Misconfigured on purpose: transport 'polyfill' without the polyfill option is a `config` error.
const misconfigured = { transport: 'polyfill' as const, events: ['notification'] };

describe('development warnings (React)', () => {
  it('warns once about a config error that nothing reads and no onError handles', async () => {
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => [
        useSSE('http://127.0.0.1:9/api/sse', misconfigured).status,
        useSSE('http://127.0.0.1:9/api/sse', misconfigured).status,
      ],
      { wrapper },
    );
    await waitFor(() => expect(result.current).toEqual(['closed', 'closed']));
    await waitFor(() => expect(warnings('Nothing shows this error')).toHaveLength(1));
    expect(warnings('Nothing shows this error')[0]).toContain("transport 'polyfill'");
  });

  it('says nothing when the error is rendered or handled', async () => {
    const { wrapper } = withHub();
    const onError = vi.fn();
    const { result } = renderHook(
      () => {
        const shown = useSSE('http://127.0.0.1:9/api/a', misconfigured);
        const handled = useSSE('http://127.0.0.1:9/api/b', { ...misconfigured, onError });
        return { shownError: shown.error?.kind, handled: handled.status };
      },
      { wrapper },
    );
    await waitFor(() =>
      expect(result.current).toEqual({ shownError: 'config', handled: 'closed' }),
    );
    expect(onError).toHaveBeenCalled();
    expect(warnings('Nothing shows this error')).toEqual([]);
  });

  it('warns about two wires that differ only in a reconnect literal, not about identical ones', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const url = wsUrl(server, '/ws');
    const { result } = renderHook(
      () => [
        useWebSocket(url, { reconnect: { minDelay: 10 } }).status,
        useWebSocket(url, { reconnect: { minDelay: 10 } }).status,
      ],
      { wrapper },
    );
    await waitFor(() => expect(result.current).toEqual(['open', 'open']));
    expect(warnings('differ only in')).toEqual([]);
    const near = renderHook(() => useWebSocket(url, { reconnect: { minDelay: 20 } }).status, {
      wrapper,
    });
    await waitFor(() => expect(near.result.current).toBe('open'));
    expect(warnings('differ only in')).toHaveLength(1);
    expect(warnings('differ only in')[0]).toContain('webSocket wires differ only in reconnect');
  });

  it('warns about an option that is a new object on every render, from the second reconnect', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    // A class instance the parent makes in its render: compared by reference, a new wire each time.
    const { rerender } = renderHook(
      ({ body }: { body: URLSearchParams }) =>
        useSSE(`${server.url}/api/sse`, { method: 'POST', body, reconnect: false }),
      { wrapper, initialProps: { body: new URLSearchParams({ topic: 'news' }) } },
    );
    rerender({ body: new URLSearchParams({ topic: 'news' }) });
    expect(warnings('new object on every render')).toEqual([]);
    rerender({ body: new URLSearchParams({ topic: 'news' }) });
    rerender({ body: new URLSearchParams({ topic: 'news' }) });
    expect(warnings('new object on every render')).toHaveLength(1);
    expect(warnings('new object on every render')[0]).toContain('"body"');
  });

  it('says nothing when equal plain values are rebuilt on every render', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { rerender } = renderHook(
      () =>
        useSSE(`${server.url}/api/sse`, {
          events: ['notification'],
          transport: 'fetch',
          reconnect: { minDelay: 10 },
          headers: { 'x-app': 'demo' },
        }),
      { wrapper },
    );
    for (let render = 0; render < 4; render++) rerender();
    expect(warnings('new object on every render')).toEqual([]);
  });
});
