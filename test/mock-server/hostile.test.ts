import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCli } from './cliProcess';
import { waitFor } from './helpers';
import { clientFrame, rawExchange, rawRequest, rawUpgrade, UPGRADE_HEADERS } from './rawSocket';
import { openWs } from './wsClient';

const HOST = 'Host: 127.0.0.1';

/** Request targets a browser, curl or an `<img>` tag can send; `//` once ended the process. */
const TARGETS = [
  '//',
  '///',
  '//api/sse',
  'http:///',
  'http://[',
  'http://%zz/',
  '*',
  '/%zz',
  '/%',
  '/api/sse?lastEventId=%zz',
  '/api/long-poll?cursor=%zz&timeout=%',
  '/control/%zz',
  '/iframe/stream?origin=%zz',
  '/iframe/stream?origin=javascript:alert(1)',
  '/socket.io/?EIO=%zz',
  '/socket.io/?EIO=4&transport=polling&sid=%zz',
  `/${'a'.repeat(6000)}`,
];

/** Header values that are not what their name promises. */
const HEADERS = [
  ['Host: %zz'],
  ['Host: ['],
  ['Host: user@localhost'],
  ['Host: localhost:99999'],
  ['Host:'],
  [HOST, 'Origin: %zz'],
  [HOST, 'Origin: null'],
  [HOST, 'Origin: http://['],
  [HOST, 'Last-Event-ID: 💥'],
  [HOST, 'Last-Event-ID: 99999999999999999999999'],
  [HOST, 'Content-Type: application/json; charset=%zz'],
  [HOST, 'Access-Control-Request-Headers: \u00ff\u00fe'],
];

/** Upgrade handshakes to every WebSocket path, well-formed or not. */
const UPGRADES = [
  rawUpgrade('//'),
  rawUpgrade('///mqtt'),
  rawUpgrade('http:///ws'),
  rawUpgrade('/ws?cursor=%zz'),
  rawUpgrade('/nothing-here'),
  rawUpgrade('/mqtt', ['Host: %zz', ...UPGRADE_HEADERS.slice(1)]),
  rawUpgrade('/ws', [...UPGRADE_HEADERS, 'Origin: %zz']),
  rawUpgrade('/ws', [HOST, 'Upgrade: websocket', 'Sec-WebSocket-Version: 13']),
  rawUpgrade('/ws', [...UPGRADE_HEADERS.slice(0, 3), 'Sec-WebSocket-Version: 99']),
  rawUpgrade('/ws', [...UPGRADE_HEADERS, 'Sec-WebSocket-Extensions: permessage-deflate; x=%']),
  rawUpgrade('/socket.io/?EIO=99&transport=websocket'),
  rawUpgrade('/socket.io/?EIO=4&transport=websocket&sid=nope'),
];

/** Frames after a good handshake that no client library would send. */
const FRAMES: Array<[string, Buffer[]]> = [
  ['/ws', [Buffer.from([0x8f, 0x80, 0, 0, 0, 0])]], // reserved opcode
  ['/ws', [Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]], // 2^63 bytes
  ['/ws', [Buffer.from([0x81, 0x05, ...Buffer.from('hello')])]], // unmasked
  ['/ws', [clientFrame(0x1, Buffer.from([0xc3, 0x28]))]], // invalid UTF-8 text
  [
    '/ws',
    [clientFrame(0x1, Buffer.from('{"type":"chat"'), false), clientFrame(0x9, Buffer.alloc(200))],
  ],
  ['/mqtt', [clientFrame(0x2, Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]))]], // bad length
  ['/mqtt', [clientFrame(0x2, Buffer.from([0x30, 0x03, 0x00, 0x01, 0x23]))]], // PUBLISH first
  [
    '/mqtt',
    [
      clientFrame(
        0x2,
        Buffer.from('\u0010\u000c\u0000\u0004MQTT\u0009\u0002\u0000\u003c\u0000\u0000'),
      ),
    ],
  ],
  ['/socket.io/?EIO=4&transport=websocket', [clientFrame(0x1, Buffer.from('42["chat",'))]],
  ['/socket.io/?EIO=4&transport=websocket', [clientFrame(0x1, Buffer.from(`4${'9'.repeat(400)}`))]],
  ['/socket.io/?EIO=4&transport=websocket', [clientFrame(0x2, Buffer.from([0xff, 0x00]))]],
];

/** The status code of a raw HTTP answer, or undefined when the server just closed. */
const statusOf = (received: string) =>
  received.startsWith('HTTP/1.1 ') ? Number(received.slice(9, 12)) : undefined;

describe('hostile input', () => {
  it('never ends the process: every request, header, upgrade and frame is answered or closed', async () => {
    const { child, output, url } = await startCli();
    const port = Number(new URL(url).port);
    const statuses: Array<[string, number | undefined]> = [];

    for (const target of TARGETS) {
      for (const method of ['GET', 'POST', 'OPTIONS']) {
        const answer = await rawExchange(port, rawRequest(target, [HOST], method));
        statuses.push([`${method} ${target}`, statusOf(answer.received)]);
      }
    }
    for (const headers of HEADERS) {
      for (const target of ['/api/notifications', '/api/sse', '/control/stats', '/ws']) {
        const answer = await rawExchange(port, rawRequest(target, headers));
        statuses.push([`${headers.join(' | ')} ${target}`, statusOf(answer.received)]);
      }
    }
    const oversized = `POST /control/publish HTTP/1.1\r\n${HOST}\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{`;
    statuses.push(['huge Content-Length', statusOf((await rawExchange(port, oversized)).received)]);
    const chunked = `POST /control/publish HTTP/1.1\r\n${HOST}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`;
    await rawExchange(port, chunked, { untilClose: true });
    for (const upgrade of UPGRADES) {
      // Answered is enough: a handshake with an extension the server ignores is a fine 101.
      const answer = await rawExchange(port, upgrade);
      statuses.push([upgrade.split('\r\n')[0] ?? '', statusOf(answer.received)]);
    }
    for (const [path, frames] of FRAMES) {
      // A close frame last: the server has closed by then, or closes now (Socket.IO ignores some
      // garbage, waiting for its ping timeout), so the exchange always ends on an event.
      const close = clientFrame(0x8, Buffer.from([0x03, 0xe8]));
      const answer = await rawExchange(port, rawUpgrade(path), { frames: [...frames, close] });
      expect(answer.received.startsWith('HTTP/1.1 101'), `${path} handshake`).toBe(true);
      expect(answer.closed, `${path} closes after bad frames`).toBe(true);
    }
    // The same `//` from real clients: a browser-like WebSocket and a Socket.IO client.
    const doubleSlash = new WebSocket(`${url.replace('http', 'ws')}//`);
    await new Promise((resolve) => doubleSlash.once('error', resolve));
    const socket = io(`${url}//`, { transports: ['websocket'], reconnection: false });
    await new Promise((resolve) => socket.once('connect_error', resolve));
    socket.close();

    // Every answer was a refusal of the input, never an internal error.
    const serverErrors = statuses.filter(([, status]) => status !== undefined && status >= 500);
    expect(serverErrors).toEqual([]);
    expect(statuses.filter(([, status]) => status !== undefined).length).toBeGreaterThan(100);
    expect(output.stderr).not.toContain('unexpected error');

    // Still alive and still serving every protocol.
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${url}/api/notifications`)).status).toBe(200);
    const client = await openWs(`${url.replace('http', 'ws')}/ws`);
    const published = await fetch(`${url}/control/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'notification' }),
    });
    expect(published.status).toBe(201);
    await waitFor(() => client.frames.length === 1, { what: 'the message after the abuse' });
    client.socket.terminate();
  }, 60_000);
});
