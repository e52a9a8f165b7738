import { describe, expect, it } from 'vitest';
import { ids, useServer } from './helpers';

describe('message log', () => {
  const harness = useServer();

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

  it('stays bounded to the last 1000 messages', async () => {
    const server = await harness.start();
    for (let index = 0; index < 1005; index++) server.publish({ type: 'tick' });
    expect(server.stats().messages).toBe(1000);
    const response = await fetch(`${server.url}/api/long-poll?cursor=0`);
    const { messages } = (await response.json()) as { messages: Array<{ id: string }> };
    expect(ids(messages).at(0)).toBe('6');
    expect(ids(messages).at(-1)).toBe('1005');
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
