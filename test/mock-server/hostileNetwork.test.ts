import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { run, startCli } from './cliProcess';
import { useServer, waitFor } from './helpers';
import { openWs } from './wsClient';

/** The status a refused upgrade answered, or 101 when it was accepted. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', () => {});
  });
}

describe('mock server: hostile network', () => {
  const { start, defer } = useServer();

  it('refuses WebSocket upgrades while refuseUpgrades is on, and accepts them again after', async () => {
    const server = await start({ network: { refuseUpgrades: true } });
    const ws = `${server.url.replace('http', 'ws')}/ws`;
    expect(await upgradeStatus(ws)).toBe(403);
    server.setNetwork({});
    expect(await upgradeStatus(ws)).toBe(101);
  });

  it('buffers an event stream: headers go out, the body only when the response ends', async () => {
    const server = await start();
    const answer = await fetch(`${server.url}/control/network`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bufferSse: true }),
    });
    expect(await answer.json()).toEqual({ bufferSse: true });

    const controller = new AbortController();
    defer(() => controller.abort());
    const response = await fetch(`${server.url}/api/sse`, { signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        bytes += value?.length ?? 0;
      }
    })();
    server.publish({ type: 'notification', data: { n: 1 } });
    // The stream wrote its preamble, position and message: the server counted them, none arrived.
    await waitFor(() => server.stats().transports.sse.bytes > 0, { what: 'SSE bytes written' });
    // A request answered after the publish shows the server had its turn to send the stream.
    await (await fetch(`${server.url}/api/notifications`)).arrayBuffer();
    expect(bytes).toBe(0);
    controller.abort();
    await reading;
  });

  it('flushes a buffered stream whole when it ends', async () => {
    const server = await start({ network: { bufferSse: true } });
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: 'hi', tokens: 5, tokenDelayMs: 1 }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    // The very first bytes to arrive already hold the end of the answer: nothing came early.
    expect(new TextDecoder().decode(first.value)).toContain('event: done');
    await reader.cancel();
  });

  it('cuts every connection cutAfter ms after it opened', async () => {
    const server = await start({ network: { cutAfter: 50 } });
    const socket = await openWs(`${server.url.replace('http', 'ws')}/ws`);
    expect((await socket.closed).code).toBe(1006);
    const held = fetch(
      `${server.url}/api/long-poll?cursor=${server.stats().messages}&timeout=60000`,
    )
      .then((response) => response.text())
      .then(
        () => 'answered',
        () => 'cut',
      );
    expect(await held).toBe('cut');
  });

  it('delays one transport by its latency and leaves the others alone', async () => {
    const server = await start({ network: { latency: { longPoll: 600_000 } } });
    const controller = new AbortController();
    defer(() => controller.abort());
    void fetch(`${server.url}/api/long-poll`, { signal: controller.signal }).catch(() => {});
    await waitFor(() => server.stats().transports.longPoll.requests === 1, { what: 'the request' });
    const poll = await fetch(`${server.url}/api/notifications`);
    expect(poll.status).toBe(200);
    await poll.arrayBuffer();
    // Answered while the long poll still waits in its latency, before its route ever ran.
    expect(server.stats().transports.longPoll.opened).toBe(0);
  });

  it('refuses bad settings with 400 naming the field, and reset() clears them', async () => {
    const server = await start();
    const post = (body: unknown) =>
      fetch(`${server.url}/control/network`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const cases: Array<[unknown, string]> = [
      [{ bufferSSE: true }, 'bufferSSE'],
      [{ refuseUpgrades: 'yes' }, 'refuseUpgrades'],
      [{ cutAfter: 0 }, 'cutAfter'],
      [{ latency: { carrierPigeon: 5 } }, 'carrierPigeon'],
      [{ latency: { ws: -1 } }, 'ws'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error).toContain(field);
    }
    expect((await post({ refuseUpgrades: true, latency: { sse: 10 } })).status).toBe(200);
    server.reset();
    expect(await (await fetch(`${server.url}/control/network`)).json()).toEqual({});
  });

  it('takes the settings as CLI flags', async () => {
    const { url } = await startCli([
      '--refuse-upgrades',
      '--latency',
      'sse=5',
      '--cut-after',
      '90000',
    ]);
    const settings = await (await fetch(`${url}/control/network`)).json();
    expect(settings).toEqual({ refuseUpgrades: true, cutAfter: 90_000, latency: { sse: 5 } });
    const bad = run(['--latency', 'ws']);
    expect((await bad.exited)[0]).toBe(2);
    expect(bad.output.stderr).toContain('--latency');
  });
});
