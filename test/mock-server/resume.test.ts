import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { readSse, useServer, waitFor } from './helpers';
import { openWs } from './wsClient';

// The tidings resume protocol as the mock server speaks it on every resumable route: each open
// states the position once the replay is sent; a cursor the log does not hold gets a reset
// first (its cursor is the log's floor), then everything the log still holds.

describe('resume protocol', () => {
  const harness = useServer();
  const wsUrl = (url: string, query = '') => `${url.replace('http', 'ws')}/ws${query}`;

  async function sse(url: string, init?: RequestInit) {
    const reader = await readSse(url, init);
    harness.defer(() => reader.close());
    return reader;
  }

  async function ws(url: string) {
    const client = await openWs(url);
    harness.defer(() => client.socket.terminate());
    return client;
  }

  function socketIO(url: string, auth: Record<string, unknown> = {}) {
    const socket: Socket = io(url, { transports: ['websocket'], auth, reconnection: false });
    harness.defer(() => socket.disconnect());
    const events: Array<{ event: string; args: unknown[] }> = [];
    socket.onAny((event: string, ...args: unknown[]) => events.push({ event, args }));
    return events;
  }

  async function iframeText(url: string, until: (text: string) => boolean) {
    const controller = new AbortController();
    harness.defer(() => controller.abort());
    const response = await fetch(url, { signal: controller.signal });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    while (!until(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text;
  }

  const position = (cursor: string) => JSON.stringify({ $tidings: 'position', cursor });
  const reset = (cursor: string, reason: string) =>
    JSON.stringify({ $tidings: 'reset', cursor, reason });

  it('SSE: the position after the replay; a reset, the replay of what is held, the position', async () => {
    const server = await harness.start();
    server.publish({ type: 'a' });
    server.publish({ type: 'b' });
    const fresh = await sse(`${server.url}/api/sse`);
    await waitFor(() => fresh.signals.length === 1);
    expect(fresh.signals[0]).toMatchObject({ event: 'tidings:position', id: '2', data: '2' });
    expect(fresh.events).toEqual([]);

    const resumed = await sse(`${server.url}/api/sse?lastEventId=1`);
    await waitFor(() => resumed.signals.length === 1);
    expect(resumed.events.map((event) => event.id)).toEqual(['2']);
    expect(resumed.signals[0]).toMatchObject({ event: 'tidings:position', id: '2' });

    const unknown = await sse(`${server.url}/api/sse`, { headers: { 'Last-Event-ID': '99' } });
    await waitFor(() => unknown.signals.length === 2);
    expect(unknown.signals[0]).toMatchObject({ event: 'tidings:reset', id: '0' });
    expect(JSON.parse(unknown.signals[0]?.data ?? '')).toEqual({ reason: 'unknown-cursor' });
    expect(unknown.signals[1]).toMatchObject({ event: 'tidings:position', id: '2' });
    // Everything the log holds is replayed, then the stream goes on live.
    expect(unknown.events.map((event) => event.id)).toEqual(['1', '2']);
    const live = server.publish({ type: 'c' });
    await waitFor(() => unknown.events.length === 3);
    expect(unknown.events[2]?.id).toBe(live.id);
  });

  it('long poll: the reset answer carries what the log holds, the floor and a reason', async () => {
    const server = await harness.start();
    const held = server.publish({ type: 'a' });
    const response = await fetch(`${server.url}/api/long-poll?cursor=50`);
    expect(await response.json()).toEqual({
      messages: [held],
      cursor: '1',
      reset: { reason: 'unknown-cursor', cursor: '0' },
    });
  });

  it('WebSocket: a $tidings position frame after the replay, or a reset frame', async () => {
    const server = await harness.start();
    server.publish({ type: 'a' });
    server.publish({ type: 'b' });
    const fresh = await ws(wsUrl(server.url));
    await waitFor(() => fresh.signals.length === 1);
    expect(fresh.signals).toEqual([JSON.parse(position('2'))]);
    expect(fresh.frames).toEqual([]);

    const resumed = await ws(wsUrl(server.url, '?cursor=1'));
    await waitFor(() => resumed.signals.length === 1);
    expect(resumed.frames.map((frame) => (frame as { id: string }).id)).toEqual(['2']);

    const unknown = await ws(wsUrl(server.url, '?cursor=7'));
    await waitFor(() => unknown.signals.length === 2);
    expect(unknown.signals).toEqual([
      JSON.parse(reset('0', 'unknown-cursor')),
      JSON.parse(position('2')),
    ]);
    expect(unknown.frames.map((frame) => (frame as { id: string }).id)).toEqual(['1', '2']);
  });

  it('iframe: the control frame is posted after the replay', async () => {
    const server = await harness.start();
    server.publish({ type: 'a' });
    server.publish({ type: 'b' });
    const resumed = await iframeText(`${server.url}/iframe/stream?lastEventId=1`, (text) =>
      text.includes('$tidings'),
    );
    expect(resumed.indexOf('"id":"2"')).toBeGreaterThan(0);
    expect(resumed.indexOf(position('2'))).toBeGreaterThan(resumed.indexOf('"id":"2"'));
    const unknown = await iframeText(`${server.url}/iframe/stream?lastEventId=9`, (text) =>
      text.includes(position('2')),
    );
    const replayed = unknown.indexOf('"id":"1"');
    expect(unknown.indexOf(reset('0', 'unknown-cursor'))).toBeGreaterThan(0);
    expect(replayed).toBeGreaterThan(unknown.indexOf(reset('0', 'unknown-cursor')));
    expect(unknown.indexOf(position('2'))).toBeGreaterThan(replayed);
  });

  it('Socket.IO: tidings:position after the replay, tidings:reset for a cursor it does not hold', async () => {
    const server = await harness.start();
    server.publish({ type: 'a' });
    server.publish({ type: 'b' });
    const resumed = socketIO(server.url, { cursor: '1' });
    await waitFor(() => resumed.some((entry) => entry.event === 'tidings:position'));
    expect(resumed.map((entry) => entry.event)).toEqual(['b', 'tidings:position']);
    expect(resumed[1]?.args[0]).toBe('2');

    const unknown = socketIO(server.url, { cursor: '30' });
    await waitFor(() => unknown.some((entry) => entry.event === 'tidings:position'));
    expect(unknown.map((entry) => entry.event)).toEqual([
      'tidings:reset',
      'a',
      'b',
      'tidings:position',
    ]);
    // With state recovery on, Socket.IO appends its offset: the signal is the first argument.
    expect(unknown[0]?.args[0]).toEqual({ reason: 'unknown-cursor', cursor: '0' });
  });

  it('after /control/reset an older cursor is a cursor-evicted reset; the last issued id is held', async () => {
    const server = await harness.start();
    server.publish({ type: 'a' });
    server.publish({ type: 'b' });
    server.reset();
    const older = await fetch(`${server.url}/api/long-poll?cursor=1`);
    expect(await older.json()).toMatchObject({ cursor: '2', reset: { reason: 'cursor-evicted' } });
    const held = await fetch(`${server.url}/api/long-poll?cursor=2&timeout=0`);
    expect(await held.json()).toEqual({ messages: [], cursor: '2' });
  });

  it('a server restarted on the same port answers the old cursor with unknown-cursor', async () => {
    const first = await harness.start({ firstId: undefined });
    const cursor = first.publish({ type: 'a' }).id;
    const { port } = first;
    await first.close();
    const second = await harness.start({ firstId: undefined, port });
    const response = await fetch(`${second.url}/api/long-poll?cursor=${cursor}`);
    const body = (await response.json()) as { cursor: string; reset?: { reason: string } };
    expect(body.reset).toMatchObject({ reason: 'unknown-cursor' });
    expect(Number(body.cursor)).toBeGreaterThan(Number(cursor));
  });
});
