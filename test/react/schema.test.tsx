// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import { useSSE, useWebSocket } from '@tidings/react';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { chatLineSchemas, collectTexts } from '../shared/chatSchemas';
import { fastReconnect, mockServer, withHub, wsUrl } from './helpers';

describe.each(chatLineSchemas)('React hooks with a %s schema', (_vendor, schema) => {
  it('useWebSocket: an invalid line is a parse error and skipped; data starts at initial', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () =>
        useWebSocket(wsUrl(server, '/ws'), {
          schema,
          initial: [] as string[],
          reduce: collectTexts,
          reconnect: fastReconnect,
        }),
      { wrapper },
    );
    expectTypeOf(result.current.data).toEqualTypeOf<string[]>();
    expect(result.current.data).toEqual([]);
    await act(async () => {
      await result.current.send({ type: 'chat', data: { user: 'ann', text: 'one' } });
      await result.current.send({ type: 'chat', data: { user: 'ann', text: null } });
      await result.current.send({ type: 'chat', data: { user: 'bob', text: 'two' } });
    });
    await waitFor(() => expect(result.current.data).toEqual(['one', 'two']));
    expect(result.current.error?.kind).toBe('parse');
    expect(result.current.error?.message).toMatch(/^Invalid message: data\.text: /);
    expect(result.current.status).toBe('open');
  });

  it('useSSE: an invalid event is skipped with a parse error, the stream goes on', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () =>
        useSSE(`${server.url}/api/sse`, {
          events: ['chat'],
          transport: 'fetch',
          schema,
          initial: [] as string[],
          reduce: collectTexts,
          reconnect: fastReconnect,
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    server.publish({ type: 'chat', data: { user: 'ann', text: 'one' } });
    server.publish({ type: 'chat', data: { text: 'no user' } });
    server.publish({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await waitFor(() => expect(result.current.data).toEqual(['one', 'two']));
    expect(result.current.error?.kind).toBe('parse');
    expect(result.current.error?.message).toMatch(/^Invalid "chat" message: data\.user: /);
    expect(result.current.status).toBe('open');
  });
});
