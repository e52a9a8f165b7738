// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import { useWebSocket } from '@tidings/react';
import { describe, expect, it } from 'vitest';
import { fastReconnect, idOf, mockMessageId, mockServer, stats, withHub, wsUrl } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

describeHook<Envelope>('useWebSocket', {
  transport: 'ws',
  resumes: true,
  use: (server, { variant, reduce, onMessage, notify }) =>
    useWebSocket<Envelope, string[]>(wsUrl(server, `/ws?v=${variant}`), {
      reconnect: fastReconnect,
      messageId: mockMessageId,
      reduce,
      onMessage,
      notify,
    }),
  idOf,
});

describe('useWebSocket', () => {
  it('sends with a stable send(), typed by message and data', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result, rerender } = renderHook(
      () =>
        useWebSocket<Envelope, Envelope[]>(wsUrl(server, '/ws'), {
          reconnect: fastReconnect,
          reduce: (list = [], m) => [...list, m],
        }),
      { wrapper },
    );
    const { send, close, reconnect } = result.current;
    rerender();
    expect(result.current.send).toBe(send);
    expect(result.current.close).toBe(close);
    expect(result.current.reconnect).toBe(reconnect);
    // Sent before the socket is open: queued, then flushed.
    let receipt: ReturnType<typeof send> | undefined;
    act(() => {
      receipt = send({ type: 'chat', data: { text: 'hello' } });
    });
    expect(receipt?.status).toBe('queued');
    await waitFor(() =>
      expect(result.current.data?.map((m) => m.type === 'chat' && m.data)).toEqual([
        { text: 'hello' },
      ]),
    );
    await expect(receipt).resolves.toBeUndefined();
  });

  it('send() on a disabled hook is refused with an unsent receipt, not a throw', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () => useWebSocket<Envelope>(wsUrl(server, '/ws'), { enabled: false }),
      { wrapper },
    );
    const receipt = result.current.send({ type: 'chat', data: { text: 'nobody' } });
    expect(receipt.status).toBe('refused');
    await expect(receipt).rejects.toMatchObject({ kind: 'unsent' });
    expect(result.current.error).toBeNull();
  });

  it('an inline messageId never reconnects, and the latest closure reads the id', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    let field: 'id' | 'type' = 'id';
    const { result, rerender } = renderHook(
      () =>
        useWebSocket<Envelope, string>(wsUrl(server, '/ws'), {
          reconnect: fastReconnect,
          // A new closure on every render, reading whichever field the last render chose.
          messageId: (m) => (m as Envelope)[field],
          notify: 'sync',
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    const first = server.publish({ type: 'a', data: null });
    await waitFor(() => expect(result.current.cursor).toBe(first.id));
    field = 'type';
    rerender();
    server.publish({ type: 'b', data: null });
    await waitFor(() => expect(result.current.cursor).toBe('b'));
    expect(stats(server, 'ws').opened).toBe(1);
  });
});
