import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { startCli } from './cliProcess';
import { readSse, useServer } from './helpers';
import { openWs } from './wsClient';

const TOKEN = 'valid-token';

describe('mock server auth mode (authTokens)', () => {
  const harness = useServer({ authTokens: [TOKEN] });

  it('HTTP endpoints answer 401 without an accepted token, and serve a bearer header or ?token=', async () => {
    const server = await harness.start();
    for (const path of ['/api/notifications', '/api/long-poll?timeout=0']) {
      const missing = await fetch(`${server.url}${path}`);
      expect(missing.status, path).toBe(401);
      expect(await missing.json()).toEqual({ error: 'token missing or expired' });
      const expired = await fetch(`${server.url}${path}`, {
        headers: { Authorization: 'Bearer expired' },
      });
      expect(expired.status, path).toBe(401);
      await expired.body?.cancel();
    }
    const bearer = await fetch(`${server.url}/api/notifications`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
    await bearer.body?.cancel();
    const query = await fetch(`${server.url}/api/notifications?token=${TOKEN}`);
    expect(query.status).toBe(200);
    await query.body?.cancel();
  });

  it('the iframe stream: a 401 whose page posts tidings:refused to the page origin (a page cannot read the status)', async () => {
    const server = await harness.start();
    const origin = 'http://localhost:6006';
    const refused = await fetch(
      `${server.url}/iframe/stream?token=expired&origin=${encodeURIComponent(origin)}`,
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    const refusal = JSON.stringify({
      type: 'tidings:refused',
      status: 401,
      reason: 'token missing or expired',
    });
    expect(await refused.text()).toContain(
      `<script>parent.postMessage(${refusal}, ${JSON.stringify(origin)})</script>`,
    );
  });

  it('SSE: 401 for an expired token, the stream for the accepted one', async () => {
    const server = await harness.start();
    const refused = await fetch(`${server.url}/api/sse`, {
      headers: { Authorization: 'Bearer expired' },
    });
    expect(refused.status).toBe(401);
    const reader = await readSse(`${server.url}/api/sse`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    harness.defer(() => reader.close());
    expect(reader.status).toBe(200);
  });

  it('/ws accepts the upgrade and closes with 4401 for an expired token; serves ?token= of an accepted one', async () => {
    const server = await harness.start();
    const ws = server.url.replace(/^http/, 'ws');
    const refused = await openWs(`${ws}/ws?token=expired`);
    expect(await refused.closed).toEqual({ code: 4401, reason: 'token missing or expired' });
    const accepted = await openWs(`${ws}/ws?token=${TOKEN}`);
    harness.defer(() => accepted.socket.close());
    const message = server.publish({ type: 'notification' });
    await expect
      .poll(() => accepted.frames)
      .toContainEqual(expect.objectContaining({ id: message.id }));
  });

  it('Socket.IO refuses a handshake whose auth.token is not accepted (connect_error), accepts a fresh one', async () => {
    const server = await harness.start();
    const refused = io(server.url, { transports: ['websocket'], auth: { token: 'expired' } });
    harness.defer(() => refused.disconnect());
    const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
    expect(error.message).toBe('token missing or expired');
    expect(refused.active).toBe(false);
    const accepted = io(server.url, { transports: ['websocket'], auth: { token: TOKEN } });
    harness.defer(() => accepted.disconnect());
    await new Promise<void>((resolve) => accepted.once('connect', resolve));
    expect(accepted.connected).toBe(true);
  });

  it('MQTT answers connack 4 (bad user name or password) to another password, connects with the token', async () => {
    const server = await harness.start();
    const url = `${server.url.replace(/^http/, 'ws')}/mqtt`;
    const refused = mqtt.connect(url, { username: 'app', password: 'expired', reconnectPeriod: 0 });
    harness.defer(() => refused.end(true));
    const error = await new Promise<Error & { code?: number }>((resolve) =>
      refused.once('error', resolve),
    );
    expect(error.code).toBe(4);
    const accepted = mqtt.connect(url, { username: 'app', password: TOKEN, reconnectPeriod: 0 });
    harness.defer(() => accepted.end(true));
    await new Promise<void>((resolve) => accepted.once('connect', () => resolve()));
    expect(accepted.connected).toBe(true);
  });

  it('the control API is never guarded', async () => {
    const server = await harness.start();
    const response = await fetch(`${server.url}/control/stats`);
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});

describe('mock server without authTokens', () => {
  const harness = useServer();

  it('serves every request without a token, as before', async () => {
    const server = await harness.start();
    const response = await fetch(`${server.url}/api/notifications`);
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});

describe('tidings-mock --auth-token', () => {
  it('turns auth mode on for the given tokens', async () => {
    const { child, exited, url } = await startCli(['--auth-token', TOKEN]);
    try {
      expect((await fetch(`${url}/api/notifications`)).status).toBe(401);
      const accepted = await fetch(`${url}/api/notifications`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(accepted.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
