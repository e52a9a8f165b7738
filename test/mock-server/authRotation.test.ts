import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { postJson, readSse, useServer, waitFor } from './helpers';
import { openWs } from './wsClient';

// A token that expires in the middle of a session: `setAuthTokens` rotates the accepted tokens,
// cuts what was opened with an expired one and refuses its reconnect.

const HOUR_1 = 'hour-1-token';
const HOUR_2 = 'hour-2-token';

describe('mock server setAuthTokens (token rotation while running)', () => {
  const harness = useServer({ authTokens: [HOUR_1] });

  it('HTTP: the expired token is refused from then on, the new one served', async () => {
    const server = await harness.start();
    const poll = (token: string) =>
      fetch(`${server.url}/api/notifications`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await poll(HOUR_1)).status).toBe(200);
    expect((await poll(HOUR_2)).status).toBe(401);

    server.setAuthTokens([HOUR_2]);

    const expired = await poll(HOUR_1);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'token missing or expired' });
    const fresh = await poll(HOUR_2);
    expect(fresh.status).toBe(200);
    await fresh.body?.cancel();
  });

  it('cuts an SSE stream and a held long poll opened with the expired token; the counts fall to 0', async () => {
    const server = await harness.start();
    const stream = await readSse(`${server.url}/api/sse?token=${HOUR_1}`);
    harness.defer(() => stream.close());
    expect(stream.status).toBe(200);
    const { id } = server.publish({ type: 'notification' });
    // Held from the newest message on: nothing after it yet.
    const held = fetch(`${server.url}/api/long-poll?cursor=${id}&timeout=30000`, {
      headers: { Authorization: `Bearer ${HOUR_1}` },
    })
      .then((response) => response.text())
      .then(
        () => 'answered',
        () => 'cut',
      );
    await waitFor(() => server.stats().transports.longPoll.connections === 1, {
      what: 'the held long poll',
    });
    expect(server.stats().transports.sse.connections).toBe(1);

    server.setAuthTokens([HOUR_2]);

    await expect(stream.ended).resolves.toBe('error');
    await expect(held).resolves.toBe('cut');
    expect(server.stats().transports.sse.connections).toBe(0);
    expect(server.stats().transports.longPoll.connections).toBe(0);
    const refused = await fetch(`${server.url}/api/sse?token=${HOUR_1}`);
    expect(refused.status).toBe(401);
  });

  it('keeps the connections whose token is still accepted, and they go on receiving', async () => {
    const server = await harness.start();
    const ws = server.url.replace(/^http/, 'ws');
    const kept = await openWs(`${ws}/ws?token=${HOUR_1}`);
    harness.defer(() => kept.socket.close());

    // HOUR_1 is still good for a grace period: nothing is cut.
    server.setAuthTokens([HOUR_1, HOUR_2]);

    const message = server.publish({ type: 'notification' });
    await expect
      .poll(() => kept.frames)
      .toContainEqual(expect.objectContaining({ id: message.id }));
    expect(kept.socket.readyState).toBe(kept.socket.OPEN);
    expect(server.stats().transports.ws.connections).toBe(1);
  });

  it('/ws: the socket opened with the expired token is cut, its reconnect closed with 4401', async () => {
    const server = await harness.start();
    const ws = server.url.replace(/^http/, 'ws');
    const old = await openWs(`${ws}/ws?token=${HOUR_1}`);
    const fresh = await openWs(`${ws}/ws?token=${HOUR_2}`).catch(() => undefined);
    // Refused before the rotation: the new token is not valid yet.
    expect(await fresh?.closed).toEqual({ code: 4401, reason: 'token missing or expired' });

    server.setAuthTokens([HOUR_2]);

    // terminate(): no close frame, as a cut connection.
    expect((await old.closed).code).toBe(1006);
    const again = await openWs(`${ws}/ws?token=${HOUR_1}`);
    expect(await again.closed).toEqual({ code: 4401, reason: 'token missing or expired' });
    const renewed = await openWs(`${ws}/ws?token=${HOUR_2}`);
    harness.defer(() => renewed.socket.close());
    const message = server.publish({ type: 'notification' });
    await expect
      .poll(() => renewed.frames)
      .toContainEqual(expect.objectContaining({ id: message.id }));
  });

  it('Socket.IO: the session is cut and cannot be recovered with the expired token (connect_error); the new one connects', async () => {
    const server = await harness.start();
    let token = HOUR_1;
    const socket = io(server.url, {
      transports: ['websocket'],
      reconnectionDelay: 10,
      reconnectionDelayMax: 50,
      auth: (callback) => callback({ token }),
    });
    harness.defer(() => socket.disconnect());
    await new Promise<void>((resolve) => socket.once('connect', resolve));

    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const refused = new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    server.setAuthTokens([HOUR_2]);

    expect(await disconnected).toBe('transport close');
    // The recovery attempt runs the auth middleware too: an expired token cannot ride on it.
    expect((await refused).message).toBe('token missing or expired');
    expect(socket.active).toBe(false);

    token = HOUR_2;
    socket.connect();
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    expect(socket.connected).toBe(true);
    expect(server.stats().transports.socketio.connections).toBe(1);
  });

  it('MQTT: the client connected with the expired password is cut, its reconnect refused with CONNACK 4', async () => {
    const server = await harness.start();
    const url = `${server.url.replace(/^http/, 'ws')}/mqtt`;
    const client = mqtt.connect(url, { username: 'app', password: HOUR_1, reconnectPeriod: 0 });
    harness.defer(() => client.end(true));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));

    server.setAuthTokens([HOUR_2]);

    await closed;
    expect(server.stats().transports.mqtt.connections).toBe(0);
    const again = mqtt.connect(url, { username: 'app', password: HOUR_1, reconnectPeriod: 0 });
    harness.defer(() => again.end(true));
    const error = await new Promise<Error & { code?: number }>((resolve) =>
      again.once('error', resolve),
    );
    expect(error.code).toBe(4);
  });

  it('cuts a stream whose request was waiting (a latency fault) when its token expired', async () => {
    const server = await harness.start();
    server.setFaults({ latency: 1000 });
    const stream = fetch(`${server.url}/api/sse?token=${HOUR_1}`)
      .then((response) => response.text())
      .then(
        () => 'ended',
        () => 'cut',
      );
    // Counted before its latency gate: its token was checked, and it waits there now.
    await waitFor(() => server.stats().transports.sse.requests === 1, {
      what: 'the request in its latency gate',
    });

    server.setAuthTokens([HOUR_2]);

    // Opened after the rotation with the token that expired: cut as it opens, never left running.
    await expect(stream).resolves.toBe('cut');
    await waitFor(() => server.stats().transports.sse.connections === 0, {
      what: 'the stream counted closed',
    });
  });

  it('refuses a token list that is not non-empty strings, as POST /control/auth does', async () => {
    const server = await harness.start();
    // A string would otherwise be taken as the set of its characters.
    expect(() => server.setAuthTokens(HOUR_2 as unknown as string[])).toThrow(
      'tokens must be an array of non-empty strings',
    );
    expect(() => server.setAuthTokens([''])).toThrow(
      'tokens must be an array of non-empty strings',
    );
    const still = await fetch(`${server.url}/api/notifications?token=${HOUR_1}`);
    expect(still.status).toBe(200);
    await still.body?.cancel();
    expect((await fetch(`${server.url}/api/notifications?token=h`)).status).toBe(401);
  });

  it('an empty list turns auth off: nothing is cut, every request served', async () => {
    const server = await harness.start();
    const stream = await readSse(`${server.url}/api/sse?token=${HOUR_1}`);
    harness.defer(() => stream.close());

    server.setAuthTokens([]);

    const open = await fetch(`${server.url}/api/notifications`);
    expect(open.status).toBe(200);
    await open.body?.cancel();
    expect(server.stats().transports.sse.connections).toBe(1);
  });
});

describe('POST /control/auth (setAuthTokens for a server in another process)', () => {
  const harness = useServer({ authTokens: [HOUR_1] });

  it('rotates the tokens and cuts what the expired one opened', async () => {
    const server = await harness.start();
    const stream = await readSse(`${server.url}/api/sse?token=${HOUR_1}`);
    harness.defer(() => stream.close());

    const rotated = await postJson(`${server.url}/control/auth`, { tokens: [HOUR_2] });

    expect(rotated).toMatchObject({ status: 200, body: { ok: true } });
    await expect(stream.ended).resolves.toBe('error');
    expect((await fetch(`${server.url}/api/notifications?token=${HOUR_1}`)).status).toBe(401);
    const fresh = await fetch(`${server.url}/api/notifications?token=${HOUR_2}`);
    expect(fresh.status).toBe(200);
    await fresh.body?.cancel();
  });

  it.each([
    [[HOUR_2], 'auth must be a JSON object { "tokens": [...] }'],
    [{ tokens: HOUR_2 }, 'tokens must be an array of non-empty strings'],
    [{ tokens: [''] }, 'tokens must be an array of non-empty strings'],
    [{ tokens: [HOUR_2], token: HOUR_2 }, 'unknown auth field "token"'],
  ])('refuses %j with a 400 and changes nothing', async (body, error) => {
    const server = await harness.start();
    const refused = await postJson(`${server.url}/control/auth`, body);
    expect(refused).toMatchObject({ status: 400, body: { error } });
    const still = await fetch(`${server.url}/api/notifications?token=${HOUR_1}`);
    expect(still.status).toBe(200);
    await still.body?.cancel();
  });
});

describe('setAuthTokens on a server started without tokens', () => {
  const harness = useServer();

  it('turns auth mode on and cuts the connections that carry no accepted token', async () => {
    const server = await harness.start();
    const stream = await readSse(`${server.url}/api/sse`);
    harness.defer(() => stream.close());

    server.setAuthTokens([HOUR_1]);

    await expect(stream.ended).resolves.toBe('error');
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(401);
  });
});
