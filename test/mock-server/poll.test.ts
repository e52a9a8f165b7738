import { describe, expect, it } from 'vitest';
import { ids, useServer } from './helpers';

describe('GET /api/notifications (short poll)', () => {
  const harness = useServer();

  it('returns unread notifications and the last 20 messages, oldest first', async () => {
    const server = await harness.start();
    for (let index = 0; index < 22; index++) server.publish({ type: 'notification' });
    server.publish({ type: 'chat', data: { text: 'hi' } });
    const response = await fetch(`${server.url}/api/notifications`);
    const body = (await response.json()) as { unread: number; items: Array<{ id: string }> };
    expect(body.unread).toBe(22);
    expect(ids(body.items)).toEqual(Array.from({ length: 20 }, (_, index) => String(index + 4)));
    server.reset();
    const after = (await (await fetch(`${server.url}/api/notifications`)).json()) as {
      unread: number;
    };
    expect(after.unread).toBe(0);
  });

  it('sends CORS headers for an allowed origin and answers preflight with 204', async () => {
    const server = await harness.start();
    const headers = { Origin: 'http://localhost:6006' };
    const response = await fetch(`${server.url}/api/notifications`, { headers });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const preflight = await fetch(`${server.url}/api/sse`, { method: 'OPTIONS', headers });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Last-Event-ID');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('echoes the headers a preflight asks for, so a custom header passes', async () => {
    const server = await harness.start();
    const preflight = await fetch(`${server.url}/api/chat`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:6006',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-tenant-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-tenant-id');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('vary')).toContain('Access-Control-Request-Headers');
  });

  it('fails with the fault status and Retry-After, then recovers when faults clear', async () => {
    const server = await harness.start();
    server.setFaults({ status: 503, retryAfter: 7 });
    const failed = await fetch(`${server.url}/api/notifications`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('7');
    expect(await failed.json()).toEqual({ error: expect.stringContaining('503') });
    server.setFaults({});
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(200);
  });

  it('applies latency before answering', async () => {
    const server = await harness.start();
    server.setFaults({ latency: 150 });
    const started = performance.now();
    await fetch(`${server.url}/api/notifications`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts requests, connections and bytes', async () => {
    const server = await harness.start();
    const response = await fetch(`${server.url}/api/notifications`);
    const text = await response.text();
    const { poll } = server.stats().transports;
    expect(poll).toEqual({ requests: 1, connections: 0, opened: 1, bytes: text.length });
  });

  it('answers unknown paths and wrong methods with JSON errors', async () => {
    const server = await harness.start();
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.stringContaining('/nope') });
    const wrong = await fetch(`${server.url}/api/notifications`, { method: 'POST' });
    expect(wrong.status).toBe(405);
  });
});
