import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { readSse, useServer, waitFor } from './helpers';
import { openWs } from './wsClient';

describe('chat across transports', () => {
  const harness = useServer();

  it('a WebSocket chat frame reaches the sender, SSE, Socket.IO and long poll', async () => {
    const server = await harness.start();
    const sse = await readSse(`${server.url}/api/sse`);
    harness.defer(() => sse.close());
    const socketIo = io(server.url, { transports: ['websocket'] });
    harness.defer(() => socketIo.disconnect());
    const chats: unknown[] = [];
    socketIo.on('chat', (message: unknown) => chats.push(message));
    await new Promise<void>((resolve) => socketIo.once('connect', () => resolve()));
    const ws = await openWs(`${server.url.replace('http', 'ws')}/ws`);
    harness.defer(() => ws.socket.terminate());
    await waitFor(() => sse.comments.length > 0);

    ws.socket.send(JSON.stringify({ type: 'chat', data: { user: 'Ada', text: 'hi' } }));
    await waitFor(() => ws.frames.length === 1 && sse.events.length === 1 && chats.length === 1);
    const expected = { id: '1', type: 'chat', data: { user: 'Ada', text: 'hi' } };
    expect(ws.frames[0]).toMatchObject(expected);
    expect(JSON.parse(sse.events[0]?.data ?? '')).toMatchObject(expected);
    expect(chats[0]).toMatchObject(expected);
    const poll = await fetch(`${server.url}/api/long-poll?cursor=0`);
    expect(((await poll.json()) as { messages: unknown[] }).messages).toMatchObject([expected]);
  });
});
