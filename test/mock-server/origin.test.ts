import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useServer } from './helpers';
import { rawExchange, rawRequest, rawUpgrade, UPGRADE_HEADERS } from './rawSocket';

const FOREIGN = 'http://localhost:3000';

/** The status of a raw HTTP answer. */
const statusOf = (received: string) => Number(received.slice(9, 12));

/** How a WebSocket handshake from a page of `origin` ends: 'open' or the refusal status. */
function handshake(url: string, origin: string, protocol?: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, protocol ? [protocol] : [], { origin });
    socket.once('open', () => {
      socket.terminate();
      resolve('open');
    });
    socket.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
  });
}

describe('origins', () => {
  const harness = useServer();

  const control = (url: string, path: string, headers: Record<string, string>, body = '{}') =>
    fetch(`${url}/control/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });

  it('lets its own origin, the Storybook dev servers and origin-less clients in', async () => {
    const server = await harness.start();
    const origins = [
      server.url,
      'http://localhost:6006',
      'http://localhost:6007',
      'http://127.0.0.1:6006',
      'http://127.0.0.1:6007',
    ];
    for (const origin of origins) {
      const response = await control(server.url, 'publish', { Origin: origin }, '{"type":"n"}');
      expect(response.status, origin).toBe(201);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
    const curl = await control(server.url, 'publish', {}, '{"type":"n"}');
    expect(curl.status).toBe(201);
    expect(curl.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses pages of any other origin on control, push endpoints and preflights', async () => {
    const server = await harness.start();
    for (const origin of [FOREIGN, 'http://evil.example', 'null']) {
      for (const path of ['publish', 'reset', 'drop', 'faults']) {
        const response = await control(server.url, path, { Origin: origin }, '{"type":"n"}');
        expect(response.status, `${origin} ${path}`).toBe(403);
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(((await response.json()) as { error: string }).error).toContain('--allow-origin');
      }
      for (const path of ['/api/notifications', '/api/sse', '/iframe/stream', '/control/stats']) {
        const response = await fetch(`${server.url}${path}`, { headers: { Origin: origin } });
        expect(response.status, `${origin} ${path}`).toBe(403);
        await response.body?.cancel();
      }
      const preflight = await fetch(`${server.url}/control/publish`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(server.stats().messages).toBe(0);
  });

  it('checks Origin on WebSocket, MQTT and Socket.IO upgrades', async () => {
    const server = await harness.start();
    const ws = server.url.replace('http', 'ws');
    expect(await handshake(`${ws}/ws`, FOREIGN)).toBe(403);
    expect(await handshake(`${ws}/mqtt`, FOREIGN, 'mqtt')).toBe(403);
    expect(await handshake(`${ws}/socket.io/?EIO=4&transport=websocket`, FOREIGN)).toBe(403);
    expect(await handshake(`${ws}/ws`, 'http://localhost:6006')).toBe('open');
    expect(await handshake(`${ws}/mqtt`, server.url, 'mqtt')).toBe('open');

    for (const transports of [['websocket'], ['polling']]) {
      const socket = io(server.url, {
        transports,
        reconnection: false,
        extraHeaders: { Origin: FOREIGN },
      });
      harness.defer(() => socket.close());
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error, transports[0]).toBeInstanceOf(Error);
    }
    expect(server.stats().transports.socketio.opened).toBe(0);
    expect(server.stats().transports.ws.opened).toBe(1);
  });

  it('adds origins with allowOrigins, and * lets any origin in', async () => {
    const server = await harness.start({ allowOrigins: [FOREIGN, 'http://tools.test:8080/'] });
    for (const origin of [FOREIGN, 'http://tools.test:8080']) {
      const response = await control(server.url, 'publish', { Origin: origin }, '{"type":"n"}');
      expect(response.status, origin).toBe(201);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await control(server.url, 'drop', { Origin: 'http://localhost:3001' })).status).toBe(
      403,
    );
    expect(await handshake(`${server.url.replace('http', 'ws')}/ws`, FOREIGN)).toBe('open');
    await server.close();

    const open = await harness.start({ allowOrigins: ['*'] });
    const anyone = await control(open.url, 'drop', { Origin: 'http://evil.example' });
    expect(anyone.status).toBe(200);
    expect(anyone.headers.get('access-control-allow-origin')).toBe('http://evil.example');
  });

  it('refuses allowOrigins entries that are not origins', async () => {
    for (const bad of ['localhost:3000', 'http://localhost:3000/app', 'file:///tmp', '']) {
      await expect(harness.start({ allowOrigins: [bad] }), bad).rejects.toThrow(/origin/);
    }
  });

  it('refuses control bodies that are not application/json (no preflight for text/plain)', async () => {
    const server = await harness.start();
    for (const path of ['publish', 'reset', 'drop', 'faults']) {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      ]) {
        const response = await fetch(`${server.url}/control/${path}`, {
          method: 'POST',
          headers: { 'Content-Type': type },
          body: '{"type":"notification"}',
        });
        expect(response.status, `${path} ${type}`).toBe(415);
      }
    }
    const untyped = await fetch(`${server.url}/control/publish`, {
      method: 'POST',
      body: new Uint8Array(Buffer.from('{"type":"notification"}')),
    });
    expect(untyped.status).toBe(415);
    expect(server.stats().messages).toBe(0);
    // No body at all (curl -X POST, the stories' drop button) still works.
    expect((await fetch(`${server.url}/control/drop`, { method: 'POST' })).status).toBe(200);
    const charset = await control(server.url, 'publish', {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(400); // JSON accepted; `{}` lacks a type
  });
});

describe('Host', () => {
  const harness = useServer();

  it('answers loopback names and the configured host, refuses others (DNS rebinding)', async () => {
    const server = await harness.start();
    const get = async (host: string, origin?: string) => {
      const headers = [`Host: ${host}`, ...(origin ? [`Origin: ${origin}`] : [])];
      return statusOf(
        (await rawExchange(server.port, rawRequest('/api/notifications', headers))).received,
      );
    };
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'LOCALHOST']) {
      expect(await get(`${host}:${server.port}`), host).toBe(200);
    }
    // A rebinding page is same-origin with itself: its Origin matches its Host, and both are wrong.
    const rebound = `evil.example:${server.port}`;
    expect(await get(rebound)).toBe(403);
    expect(await get(rebound, `http://${rebound}`)).toBe(403);
    expect(await get('127.0.0.1.nip.io')).toBe(403);
    const upgrade = await rawExchange(
      server.port,
      rawUpgrade('/ws', [`Host: ${rebound}`, ...UPGRADE_HEADERS.slice(1)]),
    );
    expect(statusOf(upgrade.received)).toBe(403);
    await new Promise<void>((resolve, reject) => {
      const client = mqtt.connect(`${server.url.replace('http', 'ws')}/mqtt`, {
        reconnectPeriod: 0,
        wsOptions: { headers: { Host: rebound } },
      });
      client.once('connect', () => reject(new Error('connected under a foreign Host')));
      client.once('close', () => resolve());
      harness.defer(() => client.endAsync(true));
    });
  });

  it('answers the hosts of allowed origins', async () => {
    const server = await harness.start({ allowOrigins: [`http://devbox.test:4000`] });
    const answer = await rawExchange(
      server.port,
      rawRequest('/api/notifications', [
        'Host: devbox.test:4000',
        'Origin: http://devbox.test:4000',
      ]),
    );
    expect(statusOf(answer.received)).toBe(200);
  });
});
