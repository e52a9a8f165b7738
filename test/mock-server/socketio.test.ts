import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { useServer, waitFor } from './helpers';

type Received = { id: string; type: string; data: unknown };

describe('/socket.io/', () => {
  const harness = useServer();

  async function connect(url: string, auth: Record<string, unknown> = {}) {
    const socket: Socket = io(url, { transports: ['websocket'], auth, reconnectionDelay: 10 });
    harness.defer(() => socket.disconnect());
    const received: Array<Received | string> = [];
    // The resume protocol's `tidings:position` / `tidings:reset`, kept apart from the messages.
    const signals: Array<{ event: string; payload: unknown }> = [];
    socket.onAny((event: string, payload: Received | string) => {
      if (event.startsWith('tidings:')) signals.push({ event, payload });
      else received.push(payload);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, received, signals };
  }

  it('emits each message under its type, raw payloads as strings', async () => {
    const server = await harness.start();
    const { socket, received } = await connect(server.url);
    const events: string[] = [];
    socket.onAny((event: string) => {
      if (!event.startsWith('tidings:')) events.push(event);
    });
    const message = server.publish({ type: 'notification', data: { title: 'Hi' } });
    server.publish({ type: 'broken', raw: '{oops' });
    await waitFor(() => received.length === 2);
    expect(events).toEqual(['notification', 'broken']);
    expect(received).toEqual([{ ...message }, '{oops']);
  });

  it('replays after handshake.auth.cursor on a fresh connection', async () => {
    const server = await harness.start();
    for (let index = 0; index < 4; index++) server.publish({ type: 'notification' });
    const { received } = await connect(server.url, { cursor: '2' });
    await waitFor(() => received.length === 2);
    server.publish({ type: 'notification' });
    await waitFor(() => received.length === 3);
    expect(received.map((entry) => (entry as Received).id)).toEqual(['3', '4', '5']);
  });

  it('recovers the connection state after drop(), with exactly the missed messages', async () => {
    const server = await harness.start();
    const { socket, received } = await connect(server.url);
    server.publish({ type: 'notification' });
    await waitFor(() => received.length === 1);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    server.drop();
    expect(await disconnected).toBe('transport close');
    server.publish({ type: 'missed' });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(socket.recovered).toBe(true);
    await waitFor(() => received.length === 2);
    server.publish({ type: 'live' });
    await waitFor(() => received.length === 3);
    expect(received.map((entry) => (entry as Received).id)).toEqual(['1', '2', '3']);
  });

  it('appends chat to the log, acks with the message and broadcasts it', async () => {
    const server = await harness.start();
    const sender = await connect(server.url);
    const other = await connect(server.url);
    const ack = (await sender.socket.emitWithAck('chat', { text: 'hello' })) as Received;
    expect(ack).toMatchObject({ id: '1', type: 'chat', data: { text: 'hello' } });
    await waitFor(() => other.received.length === 1 && sender.received.length === 1);
    expect(other.received[0]).toEqual(ack);
  });

  it('refuses connections with the fault status', async () => {
    const server = await harness.start();
    server.setFaults({ status: 503 });
    const socket = io(server.url, { transports: ['websocket'], reconnection: false });
    harness.defer(() => socket.disconnect());
    await new Promise<void>((resolve) => socket.once('connect_error', () => resolve()));
    expect(server.stats().transports.socketio).toMatchObject({ requests: 1, opened: 0 });
  });

  it('counts connections and bytes', async () => {
    const server = await harness.start();
    const { socket, received } = await connect(server.url);
    server.publish({ type: 'notification' });
    await waitFor(() => received.length === 1);
    expect(server.stats().transports.socketio).toMatchObject({ connections: 1, opened: 1 });
    expect(server.stats().transports.socketio.bytes).toBeGreaterThan(40);
    socket.disconnect();
    await waitFor(() => server.stats().transports.socketio.connections === 0);
  });
});
