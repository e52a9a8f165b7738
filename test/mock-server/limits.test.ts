import { connect as connectTcp, type Socket } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { postJson, readSse, useServer, waitFor } from './helpers';
import { connectPacket, publishPacket, subscribePacket } from './mqttPackets';
import { clientFrame, rawExchange, rawRequest, rawUpgrade, UPGRADE_HEADERS } from './rawSocket';
import { openWs } from './wsClient';

const KIB = 1024;

describe('maxMessageBytes: one size limit for every way in', () => {
  const harness = useServer();

  it('refuses HTTP bodies past the limit with 413 (64 KiB by default, configurable)', async () => {
    const server = await harness.start();
    const big = { type: 'notification', data: 'x'.repeat(65 * KIB) };
    const refused = await postJson(`${server.url}/control/publish`, big);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toContain('65536');
    expect(
      (await postJson(`${server.url}/api/chat`, { prompt: 'x'.repeat(65 * KIB) })).status,
    ).toBe(413);
    await server.close();

    const small = await harness.start({ maxMessageBytes: 1000 });
    const body = { type: 'notification', data: 'x'.repeat(1000) };
    expect((await postJson(`${small.url}/control/publish`, body)).status).toBe(413);
    expect((await postJson(`${small.url}/control/publish`, { type: 'n' })).status).toBe(201);
  });

  it('closes a WebSocket that sends a frame past the limit (1009), logging nothing', async () => {
    const server = await harness.start();
    const client = await openWs(`${server.url.replace('http', 'ws')}/ws`);
    client.socket.send(JSON.stringify({ type: 'chat', data: 'x'.repeat(100 * KIB) }));
    expect((await client.closed).code).toBe(1009);
    expect(server.stats().messages).toBe(0);

    const fine = await openWs(`${server.url.replace('http', 'ws')}/ws`);
    fine.socket.send(JSON.stringify({ type: 'chat', data: 'x'.repeat(60 * KIB) }));
    await waitFor(() => fine.frames.length === 1, { what: 'the chat message under the limit' });
    fine.socket.terminate();
  });

  it('disconnects a Socket.IO client whose chat is past the limit, logging nothing', async () => {
    const server = await harness.start({ maxMessageBytes: 10 * KIB });
    const socket = io(server.url, { transports: ['websocket'], reconnection: false });
    harness.defer(() => socket.close());
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('chat', { text: 'x'.repeat(20 * KIB) });
    expect(await reason).toBe('transport close');
    expect(server.stats().messages).toBe(0);
  });

  it('never relays an MQTT publish past the limit', async () => {
    const server = await harness.start({ maxMessageBytes: 4 * KIB });
    const url = `${server.url.replace('http', 'ws')}/mqtt`;
    const connect = async (options: IClientOptions = {}) => {
      const client: MqttClient = mqtt.connect(url, { reconnectPeriod: 0, ...options });
      harness.defer(() => client.endAsync(true));
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      return client;
    };
    const listener = await connect();
    const received: number[] = [];
    listener.on('message', (_topic, payload) => received.push(payload.length));
    await listener.subscribeAsync('rooms/#', { qos: 1 });
    const talker = await connect();
    const closed = new Promise<void>((resolve) => talker.once('close', () => resolve()));
    talker.publish('rooms/big', Buffer.alloc(8 * KIB), { qos: 0 });
    await closed;
    const next = await connect();
    await next.publishAsync('rooms/small', 'hi', { qos: 1 });
    await waitFor(() => received.length === 1, { what: 'the small publish' });
    expect(received).toEqual([2]);
  });

  it('refuses an MQTT publish past the limit even when split into small WebSocket frames', async () => {
    const server = await harness.start({ maxMessageBytes: 4 * KIB });
    const listener = mqtt.connect(`${server.url.replace('http', 'ws')}/mqtt`, {
      reconnectPeriod: 0,
    });
    harness.defer(() => listener.endAsync(true));
    const received: string[] = [];
    listener.on('message', (topic) => received.push(topic));
    await new Promise<void>((resolve) => listener.once('connect', () => resolve()));
    await listener.subscribeAsync('rooms/#', { qos: 0 });

    const publish = publishPacket('rooms/big', Buffer.alloc(6 * KIB));
    const half = Math.ceil(publish.length / 2);
    const parts = [connectPacket('raw'), publish.subarray(0, half), publish.subarray(half)];
    const frames = parts.map((part) => clientFrame(0x2, part));
    const headers = [...UPGRADE_HEADERS, 'Sec-WebSocket-Protocol: mqtt'];
    const answer = await rawExchange(server.port, rawUpgrade('/mqtt', headers), { frames });
    expect(answer.received.startsWith('HTTP/1.1 101')).toBe(true);
    expect(answer.closed).toBe(true);

    const talker = mqtt.connect(`${server.url.replace('http', 'ws')}/mqtt`, { reconnectPeriod: 0 });
    harness.defer(() => talker.endAsync(true));
    await new Promise<void>((resolve) => talker.once('connect', () => resolve()));
    await talker.publishAsync('rooms/small', 'hi', { qos: 1 });
    await waitFor(() => received.length === 1, { what: 'the small publish' });
    expect(received).toEqual(['rooms/small']);
  });
});

/** A client that completes its request, then never reads another byte. */
function neverReading(port: number, request: string, after: Buffer[] = []): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', () => socket.destroy());
    socket.once('data', () => {
      // Anything still to say (an MQTT subscription) goes out before it stops reading.
      for (const frame of after) socket.write(frame);
      socket.pause();
      resolve(socket);
    });
    socket.write(request);
  });
}

describe('slow consumers', () => {
  const harness = useServer();

  it('cuts WebSocket, MQTT, Socket.IO, SSE and iframe clients that never read, and counts them', async () => {
    const server = await harness.start({ maxBufferedBytes: 256 * KIB });
    const host = ['Host: 127.0.0.1'];
    const mqttHandshake = rawUpgrade('/mqtt', [...UPGRADE_HEADERS, 'Sec-WebSocket-Protocol: mqtt']);
    const subscribe = [connectPacket('stuck'), subscribePacket('notifications/#')];
    const clients = await Promise.all([
      neverReading(server.port, rawUpgrade('/ws')),
      neverReading(
        server.port,
        mqttHandshake,
        subscribe.map((part) => clientFrame(0x2, part)),
      ),
      // Socket.IO: after engine.io's open packet, join the main namespace ("40"), then stop reading.
      neverReading(server.port, rawUpgrade('/socket.io/?EIO=4&transport=websocket'), [
        clientFrame(0x1, Buffer.from('40')),
      ]),
      neverReading(server.port, rawRequest('/api/sse', host)),
      neverReading(server.port, rawRequest('/iframe/stream', host)),
    ]);
    // The MQTT and Socket.IO clients are in once counted; then the flood may start.
    await waitFor(
      () => {
        const { mqtt, socketio } = server.stats().transports;
        return mqtt.connections === 1 && socketio.connections === 1;
      },
      { what: 'MQTT and Socket.IO to connect' },
    );
    for (const client of clients) harness.defer(() => client.destroy());
    const data = 'x'.repeat(60 * KIB);
    // Kernel buffers take several MB per connection before ours grow; 60 MB is far past that.
    for (let sent = 0; sent < 1000 && server.stats().slowConsumersDropped < 5; sent++) {
      server.publish({ type: 'notification', data });
      if (sent % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.stats().slowConsumersDropped).toBe(5);
    // Their sockets are closed on our side (a paused client would not notice until it reads).
    await waitFor(
      () => {
        const { ws, mqtt, socketio, sse, iframe } = server.stats().transports;
        const open = [ws, mqtt, socketio, sse, iframe].map((transport) => transport.connections);
        return open.every((count) => count === 0);
      },
      { what: 'the cut connections to close' },
    );
    expect(server.stats().slowConsumersDropped).toBe(5);
  });

  it('leaves clients that read alone', async () => {
    const server = await harness.start({ maxBufferedBytes: 64 * KIB });
    const reader = await readSse(`${server.url}/api/sse`);
    harness.defer(() => reader.close());
    await waitFor(() => reader.comments.length > 0, { what: 'the stream to open' });
    for (let index = 0; index < 200; index++) server.publish({ type: 'notification', data: index });
    await waitFor(() => reader.events.length === 200, { what: 'every message' });
    expect(server.stats().slowConsumersDropped).toBe(0);
  });
});

describe('persistent MQTT sessions', () => {
  const harness = useServer();

  it('keeps at most maxMqttSessions, forgetting the oldest offline one; reset forgets all', async () => {
    const server = await harness.start({ maxMqttSessions: 3 });
    const url = `${server.url.replace('http', 'ws')}/mqtt`;
    /** Connects with a persistent session and says whether the broker still had it. */
    const session = async (clientId: string) => {
      const client = mqtt.connect(url, { clientId, clean: false, reconnectPeriod: 0 });
      harness.defer(() => client.endAsync(true));
      const present = await new Promise<boolean>((resolve) =>
        client.once('connect', (connack) => resolve(connack.sessionPresent)),
      );
      await client.subscribeAsync('notifications/#', { qos: 1 });
      await client.endAsync();
      return present;
    };
    for (const id of ['story-1', 'story-2', 'story-3', 'story-4', 'story-5']) {
      expect(await session(id), id).toBe(false);
    }
    await waitFor(() => server.stats().mqttSessions === 3, { what: 'three sessions' });
    expect(await session('story-5')).toBe(true);
    expect(await session('story-1')).toBe(false);

    server.reset();
    await waitFor(() => server.stats().mqttSessions === 0, { what: 'reset to forget them' });
    expect(await session('story-5')).toBe(false);
  });
});
