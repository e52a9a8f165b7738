// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import type { SocketIOMessage } from '@tidings/core/socket-io';
import { useSocketIO } from '@tidings/react/socket-io';
import { describe, expect, it, vi } from 'vitest';
import { fastReconnect, idOf, mockMessageId, mockServer, withHub } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

describeHook<SocketIOMessage<Envelope>>('useSocketIO', {
  transport: 'socketio',
  resumes: true,
  use: (server, { variant, reduce, onMessage, notify }) =>
    useSocketIO<Envelope, string[]>(`${server.url}?v=${variant}`, {
      events: ['notification'],
      transports: ['websocket'],
      reconnect: fastReconnect,
      messageId: mockMessageId,
      reduce,
      onMessage,
      notify,
    }),
  idOf: (m) => idOf(m.args[0]),
});

describe('useSocketIO', () => {
  it('recovered turns true when a reconnect restores the session', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const onRecover = vi.fn();
    const { result } = renderHook(
      () =>
        useSocketIO<Envelope>(server.url, {
          events: ['notification'],
          transports: ['websocket'],
          reconnect: fastReconnect,
          onRecover,
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(result.current.recovered).toBe(false);
    // Socket.IO recovers from the offset of the last event received: one event first.
    server.publish({ type: 'notification', data: 1 });
    await waitFor(() => expect(result.current.received).toBe(1));
    await server.drop();
    await waitFor(() => expect(result.current.recovered).toBe(true));
    expect(result.current.status).toBe('open');
    expect(onRecover).toHaveBeenCalledTimes(1);
  });

  it('emitWithAck returns the send receipt and resolves with the ack arguments; a string argument stays a string', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result } = renderHook(
      () =>
        useSocketIO<unknown>(server.url, {
          events: ['chat'],
          transports: ['websocket'],
          reconnect: fastReconnect,
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    const receipt = result.current.emitWithAck('chat', 'hello');
    expect(receipt.status).toBe('sent');
    const [saved] = (await receipt) as Array<{ type: string; data: unknown }>;
    expect(saved).toMatchObject({ type: 'chat', data: 'hello' });
    // The server broadcasts the chat back: its string argument arrives as the string.
    await waitFor(() =>
      expect((result.current.data?.args[0] as { data: unknown } | undefined)?.data).toBe('hello'),
    );
  });
});
