// @vitest-environment jsdom
import {
  type Channel,
  createHub,
  createLongPoll,
  createSSE,
  createWebSocket,
  type TidingsError,
} from '@tidings/core';
import { createSocketIO, type SocketIOMessage } from '@tidings/core/socket-io';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startTcpProxy, type TcpProxy } from '../brokers/tcpProxy';
import { mockMessageId } from '../shared/mockServerHelpers';

/**
 * A path that goes silent (no FIN, no RST: a NAT entry or a load balancer that forgot the
 * connection) looks to the platform exactly like a quiet stream. Each transport, with the
 * liveness options the core README recommends (shortened here so the run takes seconds), must
 * notice within its stated bound, reconnect, and then deliver what was published meanwhile.
 * jsdom: event-source-polyfill wants a page; every client talks to 127.0.0.1 through the proxy.
 */

interface Note {
  id: string;
  type: string;
  data?: unknown;
}

/** The server's heartbeat (SSE `: ping`, Socket.IO ping): well inside every client bound. */
const SERVER_HEARTBEAT = 250;
const IDLE = 1500;
/**
 * How late a timer may fire on a loaded 2-core machine before the bound counts as missed. Generous
 * on purpose: without the liveness rule the path is never noticed at all, which this still fails.
 */
const SLACK = 5000;
const fastReconnect = { minDelay: 10, maxDelay: 100 };

let server: MockServer;
let proxy: TcpProxy;
let viaProxy: string;
const channels: Array<{ close(): void }> = [];

beforeEach(async () => {
  server = await startMockServer({
    port: 0,
    heartbeatMs: SERVER_HEARTBEAT,
    socketIoPing: { interval: SERVER_HEARTBEAT, timeout: 750 },
  });
  proxy = await startTcpProxy(server.port);
  viaProxy = `http://127.0.0.1:${proxy.port}`;
});

afterEach(async () => {
  for (const channel of channels.splice(0)) channel.close();
  await proxy.close();
  await server.close();
});

interface Case {
  name: string;
  /** The stated bound: silence for this long is noticed (plus timer lateness). */
  bound: number;
  open(errors: TidingsError[], ids: string[]): Channel<unknown, unknown>;
}

const cases: Case[] = [
  {
    name: 'SSE over fetch, idleTimeout',
    bound: IDLE,
    open: (errors, ids) =>
      createSSE<Note>(`${viaProxy}/api/sse`, {
        transport: 'fetch',
        idleTimeout: IDLE,
        events: ['notification'],
        reconnect: fastReconnect,
        hub: createHub(),
        onError: (error) => errors.push(error),
        onMessage: (note) => ids.push(note.id),
      }) as Channel<unknown, unknown>,
  },
  {
    name: 'SSE over event-source-polyfill, idleTimeout',
    bound: IDLE,
    open: (errors, ids) =>
      createSSE<Note>(`${viaProxy}/api/sse`, {
        transport: 'polyfill',
        polyfill: eventSourcePolyfill,
        idleTimeout: IDLE,
        events: ['notification'],
        reconnect: fastReconnect,
        hub: createHub(),
        onError: (error) => errors.push(error),
        onMessage: (note) => ids.push(note.id),
      }) as Channel<unknown, unknown>,
  },
  {
    name: 'WebSocket, heartbeat',
    bound: 500 + 1000,
    open: (errors, ids) =>
      createWebSocket<Note>(`ws://127.0.0.1:${proxy.port}/ws`, {
        // The app's id is the delivery id: exact resume after the reconnect.
        messageId: mockMessageId,
        heartbeat: { interval: 500, timeout: 1000 },
        reconnect: fastReconnect,
        hub: createHub(),
        env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
        onError: (error) => errors.push(error),
        onMessage: (note) => ids.push(note.id),
      }) as Channel<unknown, unknown>,
  },
  {
    name: 'long poll, timeout',
    // The request deadline is the hold time asked for plus 5 s of grace.
    bound: 1000 + 5000,
    open: (errors, ids) =>
      createLongPoll<Note>(`${viaProxy}/api/long-poll`, {
        timeout: 1000,
        reconnect: fastReconnect,
        hub: createHub(),
        onError: (error) => errors.push(error),
        onMessage: (note) => ids.push(note.id),
      }) as Channel<unknown, unknown>,
  },
  {
    name: "Socket.IO, the server's ping",
    bound: SERVER_HEARTBEAT + 750,
    open: (errors, ids) =>
      createSocketIO<Note>(viaProxy, {
        messageId: mockMessageId,
        transports: ['websocket'],
        events: ['notification'],
        reconnect: fastReconnect,
        hub: createHub(),
        onError: (error) => errors.push(error),
        onMessage: (message: SocketIOMessage<Note>) => {
          const [note] = message.args;
          if (note) ids.push(note.id);
        },
      }) as unknown as Channel<unknown, unknown>,
  },
];

const publish = (n: number) => server.publish({ type: 'notification', data: { n } }).id;

describe('a black-holed path is noticed within the stated bound, and nothing is lost', () => {
  it.each(cases.map((test) => [test.name, test] as const))(
    '%s',
    { timeout: 60_000 },
    async (_, test) => {
      const errors: TidingsError[] = [];
      const ids: string[] = [];
      const channel = test.open(errors, ids);
      channels.push(channel);
      channel.connect();
      await vi.waitFor(() => expect(channel.getState().status).toBe('open'), { timeout: 10_000 });
      const before = publish(0);
      await vi.waitFor(() => expect(ids).toEqual([before]), { timeout: 10_000 });

      proxy.blackHole();
      const meanwhile = Array.from({ length: 20 }, (_, n) => publish(n + 1));
      // Nothing closes: only the liveness rule can end the dead attempt. The wait's own timeout is
      // the bound; a second Date.now() check after it only adds the wait's polling lag to it.
      await vi.waitFor(() => expect(channel.getState().status).toBe('reconnecting'), {
        timeout: test.bound + SLACK,
        interval: 20,
      });
      expect(ids).toEqual([before]);
      expect(errors.at(-1)?.kind).toBe(test.name.startsWith('Socket.IO') ? 'network' : 'timeout');

      proxy.heal();
      const after = publish(21);
      await vi.waitFor(() => expect(ids).toHaveLength(22), { timeout: 15_000 });
      expect(ids).toEqual([before, ...meanwhile, after]);
      expect(channel.getState()).toMatchObject({ status: 'open', cursor: after });
    },
  );
});
