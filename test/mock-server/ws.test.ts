import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useServer, waitFor } from './helpers';
import { openWs } from './wsClient';

describe('WS /ws', () => {
  const harness = useServer();
  const wsUrl = (url: string, query = '') => `${url.replace('http', 'ws')}/ws${query}`;
  async function open(url: string) {
    const client = await openWs(url);
    harness.defer(() => client.socket.terminate());
    return client;
  }

  it('sends each published message as one JSON text frame', async () => {
    const server = await harness.start();
    const client = await open(wsUrl(server.url));
    const message = server.publish({ type: 'notification', data: { title: 'Hi' } });
    await waitFor(() => client.frames.length === 1);
    expect(client.frames[0]).toEqual({ ...message });
    server.publish({ type: 'bad', raw: '{nope' });
    await waitFor(() => client.frames[1] === '{nope');
  });

  it('answers ping with pong and bad frames with an error, staying open', async () => {
    const server = await harness.start();
    const client = await open(wsUrl(server.url));
    client.socket.send(JSON.stringify({ type: 'ping' }));
    await waitFor(() => client.frames.length === 1);
    expect(client.frames[0]).toEqual({ type: 'pong' });
    client.socket.send('not json');
    client.socket.send(JSON.stringify({ type: 'dance' }));
    await waitFor(() => client.frames.length === 3);
    expect(client.frames[1]).toEqual({ type: 'error', error: expect.stringContaining('JSON') });
    expect(client.frames[2]).toEqual({ type: 'error', error: expect.stringContaining('dance') });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('is cut by drop() and resumes after the cursor with exactly the missed messages', async () => {
    const server = await harness.start();
    const first = await open(wsUrl(server.url));
    server.publish({ type: 'a' });
    await waitFor(() => first.frames.length === 1);
    server.drop();
    expect((await first.closed).code).toBe(1006);
    server.publish({ type: 'b' });
    server.publish({ type: 'c' });
    const second = await open(wsUrl(server.url, '?cursor=1'));
    await waitFor(() => second.frames.length === 2);
    server.publish({ type: 'd' });
    await waitFor(() => second.frames.length === 3);
    expect(second.frames.map((frame) => (frame as { id: string }).id)).toEqual(['2', '3', '4']);
  });

  it('closes new connections with the closeCode fault', async () => {
    const server = await harness.start();
    server.setFaults({ closeCode: 4401 });
    const client = await open(wsUrl(server.url));
    expect((await client.closed).code).toBe(4401);
  });

  /** The HTTP response a refused handshake got. */
  function refusal(url: string) {
    return new Promise<{ status?: number; retryAfter?: string }>((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.on('open', () => reject(new Error('the upgrade was accepted')));
      // ws reports the refused handshake as an error whose message carries the status.
      socket.on('error', () => undefined);
      socket.on('unexpected-response', (req, res) => {
        resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] });
        req.destroy();
      });
    });
  }

  it('refuses the upgrade with the fault status', async () => {
    const server = await harness.start();
    server.setFaults({ status: 503, retryAfter: 2 });
    expect(await refusal(wsUrl(server.url))).toEqual({ status: 503, retryAfter: '2' });
  });

  it('refuses a bad cursor with 400', async () => {
    const server = await harness.start();
    expect((await refusal(wsUrl(server.url, '?cursor=x'))).status).toBe(400);
  });

  it('counts requests, connections and bytes', async () => {
    const server = await harness.start();
    const client = await open(wsUrl(server.url));
    server.publish({ type: 'x' });
    await waitFor(() => client.frames.length === 1);
    expect(server.stats().transports.ws).toMatchObject({ requests: 1, connections: 1, opened: 1 });
    expect(server.stats().transports.ws.bytes).toBeGreaterThan(40);
    client.socket.close();
    await client.closed;
    await waitFor(() => server.stats().transports.ws.connections === 0);
  });
});
