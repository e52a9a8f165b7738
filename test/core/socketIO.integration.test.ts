import { createHub } from '@tidings/core';
import { createSocketIO, type SocketIOMessage } from '@tidings/core/socket-io';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Note {
  id: string;
  type: string;
  data?: unknown;
  ts?: number;
}

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

function channel(options: Parameters<typeof createSocketIO<Note>>[1] = {}) {
  const created = createSocketIO<Note>(server.url, {
    hub: createHub(),
    reconnect: { minDelay: 10, maxDelay: 50 },
    notify: 'sync',
    // The mock server's messages carry the log id: the delivery id, for dedupe and resume.
    messageId: (m) => (m as { id?: string } | null)?.id,
    ...options,
  });
  cleanups.push(() => created.close());
  return created;
}

function collect(source: { onMessage(fn: (m: SocketIOMessage<Note>) => void): () => void }) {
  const seen: Array<SocketIOMessage<Note>> = [];
  source.onMessage((m) => seen.push(m));
  return seen;
}

const ids = (seen: Array<SocketIOMessage<Note>>) => seen.map((m) => m.args[0]?.id);

describe('createSocketIO against the mock server', () => {
  it('receives each message as { event, args } with the recovery offset stripped', async () => {
    const notes = channel();
    const seen = collect(notes);
    notes.connect();
    // The first connect of the run also loads socket.io-client.
    await vi.waitFor(() => expect(notes.getState().status).toBe('open'));
    expect(notes.recovered).toBe(false);
    const sent = server.publish({ type: 'alert', data: { title: 'Hi' } });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({
      event: 'alert',
      args: [{ id: sent.id, type: 'alert', data: { title: 'Hi' }, ts: sent.ts }],
    });
    expect(notes.getState().cursor).toBe(sent.id);
    expect(server.stats().transports.socketio.connections).toBe(1);
  });

  it('delivers only the events a consumer asked for', async () => {
    const hub = createHub();
    const alerts = channel({ hub, events: ['alert'] });
    const all = channel({ hub });
    const seenAlerts = collect(alerts);
    const seenAll = collect(all);
    alerts.connect();
    all.connect();
    await vi.waitFor(() => expect(all.getState().status).toBe('open'));
    server.publish({ type: 'news' });
    const alert = server.publish({ type: 'alert' });
    await vi.waitFor(() => expect(seenAll).toHaveLength(2));
    expect(ids(seenAlerts)).toEqual([alert.id]);
    expect(server.stats().transports.socketio.connections).toBe(1);
  });

  it("emit('chat') round trip: the ack answers, and the chat comes back as an event", async () => {
    const chat = channel();
    const seen = collect(chat);
    chat.connect();
    await vi.waitFor(() => expect(chat.getState().status).toBe('open'));
    const [ack] = (await chat.emitWithAck('chat', { text: 'hi' })) as Note[];
    if (!ack) throw new Error('the ack carried no argument');
    expect(ack).toMatchObject({ type: 'chat', data: { text: 'hi' } });
    await vi.waitFor(() => expect(ids(seen)).toEqual([ack.id]));
    expect(seen[0]?.event).toBe('chat');

    const answered = vi.fn();
    chat.emit('chat', { text: 'again' }, answered);
    await vi.waitFor(() => expect(answered).toHaveBeenCalledTimes(1));
    expect(answered.mock.calls[0]?.[0]).toMatchObject({ type: 'chat', data: { text: 'again' } });
  });

  it('recovers the session after drop(): recovered, onRecover, nothing lost or repeated', async () => {
    const onRecover = vi.fn();
    // A fixed 300 ms wait before reconnecting (full jitter with random() near 1), so the
    // publishes below land while the client is away.
    const notes = channel({
      onRecover,
      reconnect: { minDelay: 300, maxDelay: 300 },
      env: { random: () => 0.999 },
    });
    const seen = collect(notes);
    notes.connect();
    await vi.waitFor(() => expect(notes.getState().status).toBe('open'));
    const first = server.publish({ type: 'n' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));

    server.drop();
    await vi.waitFor(() => expect(notes.getState().status).not.toBe('open'));
    const during = [server.publish({ type: 'n' }), server.publish({ type: 'n' })];
    await vi.waitFor(() => expect(notes.getState().status).toBe('open'));
    expect(notes.recovered).toBe(true);
    expect(onRecover).toHaveBeenCalledTimes(1);
    const after = server.publish({ type: 'n' });
    await vi.waitFor(() => expect(ids(seen).at(-1)).toBe(after.id));
    expect(ids(seen)).toEqual([first, ...during, after].map((m) => m.id));
    expect(notes.getState().received).toBe(4);
  });

  it('a fresh channel with a cursor in auth gets the replay, then live messages, no duplicate', async () => {
    const old = [
      server.publish({ type: 'n' }),
      server.publish({ type: 'n' }),
      server.publish({ type: 'n' }),
    ];
    const [first] = old;
    const notes = channel({ auth: { cursor: first?.id } });
    const seen = collect(notes);
    notes.connect();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    const live = server.publish({ type: 'n' });
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(ids(seen)).toEqual([old[1]?.id, old[2]?.id, live.id]);
  });

  it('a string argument arrives as the string by default', async () => {
    const notes = createSocketIO<unknown>(server.url, { hub: createHub(), notify: 'sync' });
    cleanups.push(() => notes.close());
    const seen: Array<SocketIOMessage<unknown>> = [];
    notes.onMessage((m) => seen.push(m));
    notes.connect();
    await vi.waitFor(() => expect(notes.getState().status).toBe('open'));
    server.publish({ type: 'plain', raw: 'hello' });
    server.publish({ type: 'plain', raw: '{not json' });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen.map((m) => m.args)).toEqual([['hello'], ['{not json']]);
    expect(notes.getState().error).toBeNull();
  });

  it("with parse: 'json', a malformed string argument sets a parse error, and the next message still arrives", async () => {
    const notes = channel({ parse: 'json' });
    const seen = collect(notes);
    notes.connect();
    await vi.waitFor(() => expect(notes.getState().status).toBe('open'));
    server.publish({ type: 'bad', raw: '{not json' });
    await vi.waitFor(() => expect(notes.getState().error?.kind).toBe('parse'));
    expect(notes.getState().error?.message).toMatch(/"bad"/);
    const good = server.publish({ type: 'good' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(ids(seen)).toEqual([good.id]);
    expect(notes.getState().status).toBe('open');
  });
});
