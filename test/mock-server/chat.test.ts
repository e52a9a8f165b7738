import { describe, expect, it } from 'vitest';
import { postJson, readSse, type SseReader, useServer, waitFor } from './helpers';

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

  const tokensOf = (reader: SseReader) =>
    reader.events
      .filter((event) => event.event === 'token')
      .map((event) => (JSON.parse(event.data) as { token: string }).token);

  it("streams the number of tokens the body asks for, at the body's pace, not the server's", async () => {
    // The server's own pace would take hours: only the body's pace can finish this stream.
    const server = await harness.start({ tokenDelayMs: 600_000 });
    for (const tokenDelayMs of [0, 1]) {
      const reader = await post(server.url, { prompt: 'fast model', tokens: 150, tokenDelayMs });
      expect(await reader.ended).toBe('end');
      const tokens = tokensOf(reader);
      expect(tokens).toHaveLength(150);
      expect(JSON.parse(reader.events.at(-1)?.data ?? '')).toEqual({ tokens: 150 });
      // The canned answer repeats, still readable: words apart, the prompt in it, no trailing space.
      const text = tokens.join('');
      expect(text).toContain('fast model');
      expect(text).not.toMatch(/\S{30,}/);
      expect(text.endsWith(' ')).toBe(false);
    }
  });

  it('keeps the canned answer when only the pace is given', async () => {
    const server = await harness.start({ tokenDelayMs: 600_000 });
    const canned = await post(server.url, { prompt: 'same answer', tokenDelayMs: 0 });
    expect(await canned.ended).toBe('end');
    const tokens = tokensOf(canned);
    expect(tokens.join('')).toMatch(/^Good question about "same answer"\..*\.$/);
    expect(JSON.parse(canned.events.at(-1)?.data ?? '')).toEqual({ tokens: tokens.length });
  });

  it('refuses a token count or pace out of range with a 400 naming the field', async () => {
    const server = await harness.start();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ tokens: 0 }, 'tokens must be a number from 1 to 10000'],
      [{ tokens: 10_001 }, 'tokens must be a number from 1 to 10000'],
      [{ tokens: '20' }, 'tokens must be a number from 1 to 10000'],
      [{ tokens: 2.5 }, 'tokens must be an integer from 1 to 10000'],
      [{ tokenDelayMs: -1 }, 'tokenDelayMs must be a number from 0 to 1000'],
      [{ tokenDelayMs: 1001 }, 'tokenDelayMs must be a number from 0 to 1000'],
      [{ tokenDelayMs: null }, 'tokenDelayMs must be a number from 0 to 1000'],
    ];
    for (const [fields, error] of cases) {
      const response = await postJson(`${server.url}/api/chat`, { prompt: 'hi', ...fields });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error });
    }
  });
});
