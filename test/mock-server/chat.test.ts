import { describe, expect, it } from 'vitest';
import { postJson, readSse, useServer, waitFor } from './helpers';

describe('POST /api/chat', () => {
  const harness = useServer({ tokenDelayMs: 1 });
  const post = (url: string, body: unknown) =>
    readSse(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('streams tokens that mention the prompt, then done with the count', async () => {
    const server = await harness.start();
    const reader = await post(server.url, { prompt: 'reconnect backoff' });
    expect(await reader.ended).toBe('end');
    const tokens = reader.events.filter((event) => event.event === 'token');
    const done = reader.events.at(-1);
    expect(done?.event).toBe('done');
    expect(JSON.parse(done?.data ?? '')).toEqual({ tokens: tokens.length });
    const text = tokens
      .map((event) => (JSON.parse(event.data) as { token: string }).token)
      .join('');
    expect(text).toContain('reconnect backoff');
    expect(tokens.length).toBeGreaterThan(10);
    expect(server.stats().transports.chat).toMatchObject({ requests: 1, connections: 0 });
  });

  it('stops when the client aborts', async () => {
    const server = await harness.start({ tokenDelayMs: 20 });
    const reader = await post(server.url, { prompt: 'long answer' });
    await waitFor(() => reader.events.length > 0);
    reader.close();
    await waitFor(() => server.stats().transports.chat.connections === 0);
    expect(await reader.ended).toBe('error');
  });

  it('refuses a bad body with 400', async () => {
    const server = await harness.start();
    for (const body of ['{oops', { prompt: 3 }, [], { prompt: '' }]) {
      const response = await postJson(`${server.url}/api/chat`, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: expect.any(String) });
    }
  });
});
