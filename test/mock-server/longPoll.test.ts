import { describe, expect, it } from 'vitest';
import { ids, useServer, waitFor } from './helpers';

interface Answer {
  messages: Array<{ id: string; type: string }>;
  cursor: string;
}

describe('GET /api/long-poll', () => {
  const harness = useServer();
  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as Answer };
  };

  it('answers at once with exactly the messages after the cursor', async () => {
    const server = await harness.start();
    for (let index = 0; index < 5; index++) server.publish({ type: 'notification' });
    const { body } = await get(`${server.url}/api/long-poll?cursor=2`);
    expect(ids(body.messages)).toEqual(['3', '4', '5']);
    expect(body.cursor).toBe('5');
  });

  it('holds until a message arrives', async () => {
    const server = await harness.start();
    server.publish({ type: 'old' });
    const pending = get(`${server.url}/api/long-poll?cursor=1`);
    await waitFor(() => server.stats().transports.longPoll.connections === 1);
    server.publish({ type: 'fresh' });
    const { body } = await pending;
    expect(body.messages.map((message) => message.type)).toEqual(['fresh']);
    expect(body.cursor).toBe('2');
  });

  it('answers a request without a cursor at once with the position, which then holds', async () => {
    const server = await harness.start();
    server.publish({ type: 'before' });
    const { body } = await get(`${server.url}/api/long-poll`);
    expect(body).toEqual({ messages: [], cursor: '1' });
    const pending = get(`${server.url}/api/long-poll?cursor=${body.cursor}`);
    await waitFor(() => server.stats().transports.longPoll.connections === 1);
    server.publish({ type: 'after' });
    expect((await pending).body.messages.map((message) => message.type)).toEqual(['after']);
  });

  it('answers empty with the same cursor when the timeout passes', async () => {
    const server = await harness.start();
    server.publish({ type: 'notification' });
    expect((await get(`${server.url}/api/long-poll?cursor=1&timeout=50`)).body).toEqual({
      messages: [],
      cursor: '1',
    });
    expect((await get(`${server.url}/api/long-poll?timeout=10`)).body.cursor).toBe('1');
  });

  it('refuses a bad cursor or timeout with 400', async () => {
    const server = await harness.start();
    for (const query of ['cursor=-1', 'cursor=abc', 'cursor=1.5', 'timeout=soon']) {
      const { status, body } = await get(`${server.url}/api/long-poll?${query}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: expect.stringMatching(/cursor|timeout/) });
    }
    // Past 2^31-1 ms Node's setTimeout fires at once: that would be an instant empty answer.
    for (const timeout of ['600001', '2147483648']) {
      const { status, body } = await get(`${server.url}/api/long-poll?timeout=${timeout}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: expect.stringContaining('timeout') });
    }
  });

  it('cleans up a held request whose client goes away', async () => {
    const server = await harness.start();
    const controller = new AbortController();
    // The held request has its headers already (so clients can show "open"); its body waits.
    const response = await fetch(`${server.url}/api/long-poll?cursor=0`, {
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    await waitFor(() => server.stats().transports.longPoll.connections === 1);
    controller.abort();
    await expect(response.text()).rejects.toThrow();
    await waitFor(() => server.stats().transports.longPoll.connections === 0);
  });

  it('is cut by drop()', async () => {
    const server = await harness.start();
    const response = await fetch(`${server.url}/api/long-poll?cursor=0`);
    await waitFor(() => server.stats().transports.longPoll.connections === 1);
    server.drop();
    await expect(response.text()).rejects.toThrow();
    expect(server.stats().transports.longPoll).toMatchObject({ requests: 1, connections: 0 });
  });

  it('fails with the configured status', async () => {
    const server = await harness.start();
    server.setFaults({ status: 500 });
    expect((await get(`${server.url}/api/long-poll?cursor=0`)).status).toBe(500);
  });
});
