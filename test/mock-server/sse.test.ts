import { describe, expect, it } from 'vitest';
import { ids, readSse, useServer, waitFor } from './helpers';

describe('GET /api/sse', () => {
  const harness = useServer({ heartbeatMs: 30 });

  async function open(url: string, init?: RequestInit) {
    const reader = await readSse(url, init);
    harness.defer(() => reader.close());
    return reader;
  }

  it('announces retry and a comment at once, then sends messages with id and event', async () => {
    const server = await harness.start();
    const reader = await open(`${server.url}/api/sse`);
    expect(reader.headers.get('content-type')).toContain('text/event-stream');
    expect(reader.headers.get('cache-control')).toBe('no-cache');
    await waitFor(() => reader.comments.some((comment) => comment.trim() === 'connected'));
    expect(reader.retry).toBe(1000);
    const message = server.publish({ type: 'notification', data: { title: 'Hi' } });
    const event = await waitFor(() => reader.events[0]);
    expect(event).toMatchObject({ id: message.id, event: 'notification' });
    expect(JSON.parse(event.data)).toEqual({
      id: message.id,
      type: 'notification',
      data: { title: 'Hi' },
      ts: message.ts,
    });
  });

  it('sends raw payloads verbatim, one data line per line', async () => {
    const server = await harness.start();
    const reader = await open(`${server.url}/api/sse`);
    await waitFor(() => reader.comments.length > 0);
    server.publish({ type: 'broken', raw: '{not json\nsecond line' });
    expect((await waitFor(() => reader.events[0])).data).toBe('{not json\nsecond line');
  });

  it('sends ping comments as heartbeats', async () => {
    const server = await harness.start();
    const reader = await open(`${server.url}/api/sse`);
    await waitFor(() => reader.comments.filter((comment) => comment.trim() === 'ping').length >= 2);
  });

  it('resumes after Last-Event-ID (header or query) with exactly the missed messages', async () => {
    const server = await harness.start();
    const live = await open(`${server.url}/api/sse`);
    await waitFor(() => live.comments.length > 0);
    server.publish({ type: 'a' });
    server.publish({ type: 'b' });
    await waitFor(() => live.events.length === 2);
    server.drop();
    expect(await live.ended).toBe('error');
    server.publish({ type: 'c' });
    server.publish({ type: 'd' });

    const byHeader = await open(`${server.url}/api/sse`, { headers: { 'Last-Event-ID': '2' } });
    const byQuery = await open(`${server.url}/api/sse?lastEventId=2`);
    await waitFor(() => byHeader.events.length === 2 && byQuery.events.length === 2);
    server.publish({ type: 'e' });
    await waitFor(() => byHeader.events.length === 3 && byQuery.events.length === 3);
    const seen = (reader: typeof live) =>
      ids(reader.events.map((event) => ({ id: event.id ?? '' })));
    expect(seen(byHeader)).toEqual(['3', '4', '5']);
    expect(seen(byQuery)).toEqual(['3', '4', '5']);
  });

  it('sends only live messages without a Last-Event-ID', async () => {
    const server = await harness.start();
    server.publish({ type: 'old' });
    const reader = await open(`${server.url}/api/sse`);
    await waitFor(() => reader.comments.length > 0);
    server.publish({ type: 'new' });
    await waitFor(() => reader.events.length === 1);
    expect(reader.events[0]?.event).toBe('new');
  });

  it('fails with the fault status and Retry-After', async () => {
    const server = await harness.start();
    server.setFaults({ status: 429, retryAfter: 3 });
    const response = await fetch(`${server.url}/api/sse`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    await response.body?.cancel();
  });

  it('counts connections and bytes', async () => {
    const server = await harness.start();
    const reader = await open(`${server.url}/api/sse`);
    await waitFor(() => reader.comments.length > 0);
    expect(server.stats().transports.sse).toMatchObject({ requests: 1, connections: 1, opened: 1 });
    server.publish({ type: 'x' });
    await waitFor(() => reader.events.length === 1);
    expect(server.stats().transports.sse.bytes).toBeGreaterThan(40);
    reader.close();
    await waitFor(() => server.stats().transports.sse.connections === 0);
  });

  it('refuses a bad Last-Event-ID with 400', async () => {
    const server = await harness.start();
    const response = await fetch(`${server.url}/api/sse?lastEventId=nope`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('Last-Event-ID') });
  });
});
