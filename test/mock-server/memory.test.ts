import { once } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runNode } from './cliProcess';
import type { MemoryReport } from './fixtures/memoryServer';
import { rawRequest, rawUpgrade } from './rawSocket';

const MB = 1024 * 1024;
/** The heap the server gets: the 1,000-message log of 60 KB messages alone would not fit twice. */
const HEAP_LIMIT_MB = 96;
/** The bound stated in the README: peak resident memory of the whole process under the abuse. */
const PEAK_RSS_BOUND_MB = 320;

const PUBLISHES = 300;
const NEVER_READING = 18;
const MQTT_SESSIONS = 150;

/** A client that completes its request, then never reads another byte. */
function neverReading(port: number, request: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', () => socket.destroy());
    socket.once('data', () => {
      socket.pause();
      resolve(socket);
    });
    socket.write(request);
  });
}

/**
 * Sends one frame; resolves with the close code when the server refuses it, or 'accepted' when
 * the server broadcasts it back as a chat message.
 */
function sendFrame(url: string, frame: string): Promise<number | 'accepted'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    // Our own send may be cut mid-frame by the refusal: that is the expected end, not a failure.
    socket.on('error', () => {});
    socket.once('open', () => socket.send(frame));
    socket.once('close', (code) => resolve(code));
    // The chat coming back means the server took it. Other frames (the resume protocol's
    // position, sent on every open) say nothing about the frame we sent.
    socket.on('message', (data) => {
      if (!String(data).includes('"type":"chat"')) return;
      resolve('accepted');
      socket.terminate();
    });
  });
}

describe('memory under abuse', () => {
  it(`stays under ${PEAK_RSS_BOUND_MB} MB peak RSS and never crashes`, async () => {
    const { child, output } = runNode(
      'test/mock-server/fixtures/memoryServer.ts',
      [],
      [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--expose-gc'],
    );
    // Every wait below also ends, with the server's last words, if its process dies.
    const died = once(child, 'exit').then(([code, signal]) => {
      throw new Error(`the server process died (${code ?? signal}): ${output.stderr.slice(-400)}`);
    });
    died.catch(() => {});
    const alive = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, died]);
    const [{ url }] = (await alive(once(child, 'message'))) as [{ url: string }];
    const memory = async () => {
      child.send('memory');
      return ((await alive(once(child, 'message'))) as [MemoryReport])[0];
    };
    const before = await memory();
    const port = Number(new URL(url).port);
    const wsBase = url.replace('http', 'ws');

    // 1. Ten 10 MB WebSocket chat frames (ws would take 100 MiB each by default).
    const huge = JSON.stringify({ type: 'chat', data: 'x'.repeat(10 * MB) });
    for (let index = 0; index < 10; index++) {
      // 1009 when the close frame makes it back; 1006 when our own send is cut mid-frame.
      expect([1006, 1009]).toContain(await alive(sendFrame(`${wsBase}/ws`, huge)));
    }

    // 2. Five 900 KB Socket.IO chats.
    for (let index = 0; index < 5; index++) {
      const socket = io(url, { transports: ['websocket'], reconnection: false });
      await alive(
        new Promise((resolve, reject) => {
          socket.once('connect', () => resolve(undefined));
          socket.once('connect_error', reject);
        }),
      );
      // Refused: the server disconnects. Accepted (the old default): it acks. Either ends the wait.
      await alive(
        new Promise((resolve) => {
          socket.once('disconnect', resolve);
          socket.emit('chat', { text: 'x'.repeat(900 * 1024) }, resolve);
        }),
      );
      socket.close();
    }

    // 3. Clients that never read, then 300 publishes of 60 KB to all of them.
    const requests = [rawUpgrade('/ws'), rawRequest('/api/sse', ['Host: 127.0.0.1'])];
    requests.push(rawRequest('/iframe/stream', ['Host: 127.0.0.1']));
    const stuck = await alive(
      Promise.all(
        Array.from({ length: NEVER_READING }, (_, index) =>
          neverReading(port, requests[index % requests.length] ?? ''),
        ),
      ),
    );
    const body = JSON.stringify({ type: 'notification', data: 'x'.repeat(60 * 1024) });
    for (let index = 0; index < PUBLISHES; index++) {
      // Through alive(): if the server dies meanwhile, the failure names its last words.
      const response = await alive(
        fetch(`${url}/control/publish`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        }),
      );
      expect(response.status).toBe(201);
      await response.body?.cancel();
    }

    // 4. Many persistent MQTT sessions, each subscribed and gone, as story loads once left them.
    for (let batch = 0; batch < MQTT_SESSIONS; batch += 25) {
      await alive(
        Promise.all(
          Array.from({ length: 25 }, async (_, index) => {
            const client = mqtt.connect(`${wsBase}/mqtt`, {
              clientId: `abuse-${batch + index}`,
              clean: false,
              reconnectPeriod: 0,
            });
            await new Promise<void>((resolve, reject) => {
              client.once('connect', () => resolve());
              client.once('error', reject);
            });
            await client.subscribeAsync('notifications/#', { qos: 1 });
            await client.endAsync();
          }),
        ),
      );
    }

    const stats = (await (await fetch(`${url}/control/stats`)).json()) as {
      messages: number;
      slowConsumersDropped: number;
      mqttSessions: number;
    };
    const after = await memory();
    for (const socket of stuck) socket.destroy();
    const mb = (bytes: number) => Math.round(bytes / MB);
    console.log(
      `mock server under abuse: peak RSS ${mb(after.maxRss)} MB (bound ${PEAK_RSS_BOUND_MB} MB, ` +
        `heap limit ${HEAP_LIMIT_MB} MB); heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, ` +
        `RSS ${mb(before.rss)} → ${mb(after.rss)} MB; ${stats.slowConsumersDropped} slow ` +
        `consumers cut, ${stats.mqttSessions} MQTT sessions kept, ${stats.messages} messages logged`,
    );

    expect(child.exitCode, output.stderr).toBeNull();
    expect(stats.messages).toBe(PUBLISHES);
    expect(stats.slowConsumersDropped).toBe(NEVER_READING);
    expect(stats.mqttSessions).toBe(100);
    expect(mb(after.maxRss)).toBeLessThan(PEAK_RSS_BOUND_MB);
    expect((await fetch(`${url}/api/notifications`)).status).toBe(200);
  }, 60_000);
});
