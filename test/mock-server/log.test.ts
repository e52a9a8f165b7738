import { describe, expect, it } from 'vitest';
import { ids, useServer } from './helpers';

describe('message log', () => {
  const harness = useServer();

  it('starts ids at the boot time in microseconds, so a restarted server issues new ones', async () => {
    const before = Date.now() * 1000;
    const first = await harness.start({ firstId: undefined });
    const id = Number(first.publish({ type: 'notification' }).id);
    expect(id).toBeGreaterThan(before);
    expect(Number.isSafeInteger(id)).toBe(true);
    const port = first.port;
    await first.close();
    const second = await harness.start({ firstId: undefined, port });
    expect(Number(second.publish({ type: 'notification' }).id)).toBeGreaterThan(id);
  });

  it('refuses a firstId that is not a whole number of at least 1', async () => {
    const { startMockServer } = await import('@tidings/mock-server');
    await expect(startMockServer({ port: 0, firstId: 0 })).rejects.toThrow(/firstId/);
    await expect(startMockServer({ port: 0, firstId: 1.5 })).rejects.toThrow(/firstId/);
  });

  it('hands out monotonic decimal ids that keep increasing across reset', async () => {
    const server = await harness.start();
    expect(server.publish({ type: 'notification' }).id).toBe('1');
    expect(server.publish({ type: 'notification' }).id).toBe('2');
    server.reset();
    expect(server.stats().messages).toBe(0);
    expect(server.publish({ type: 'notification' }).id).toBe('3');
  });

  it('keeps topic and raw only when given, and data defaults to null', async () => {
    const server = await harness.start();
    const plain = server.publish({ type: 'notification' });
    expect(plain).toEqual({ id: '1', type: 'notification', data: null, ts: expect.any(Number) });
    const full = server.publish({ type: 'moderation', topic: 'moderation/alerts/high', raw: '{' });
    expect(full).toMatchObject({ topic: 'moderation/alerts/high', raw: '{' });
  });

  it('stays bounded to the last 1000 messages; a cursor before them is answered with a reset', async () => {
    const server = await harness.start();
    for (let index = 0; index < 1005; index++) server.publish({ type: 'tick' });
    expect(server.stats().messages).toBe(1000);
    // Cursor 5 is the newest id evicted: everything after it is still held.
    const held = await fetch(`${server.url}/api/long-poll?cursor=5`);
    const { messages } = (await held.json()) as { messages: Array<{ id: string }> };
    expect(ids(messages).at(0)).toBe('6');
    expect(ids(messages).at(-1)).toBe('1005');
    // Cursor 4 would skip message 5, which is gone: the server says so, then sends all it holds.
    const evicted = await fetch(`${server.url}/api/long-poll?cursor=4`);
    const answer = (await evicted.json()) as {
      messages: Array<{ id: string }>;
      cursor: string;
      reset: unknown;
    };
    expect(answer).toMatchObject({
      cursor: '1005',
      reset: { reason: 'cursor-evicted', cursor: '5' },
    });
    expect(ids(answer.messages)).toEqual(ids(messages));
  });

  it('refuses invalid publish input with an error naming the field', async () => {
    const server = await harness.start();
    expect(() => server.publish({ type: '' })).toThrow(/type/);
    expect(() => server.publish({ type: 'x', topic: 'a/#' })).toThrow(/topic/);
  });

  it('reports the real port and rejects when the port is taken', async () => {
    const server = await harness.start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const { startMockServer } = await import('@tidings/mock-server');
    await expect(startMockServer({ port: server.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
