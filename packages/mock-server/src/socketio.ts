import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ServerContext } from './context';
import { nonNegativeInt } from './errors';
import { wireMessage } from './log';
import type { SocketIoCluster } from './log/socketIoCluster';
import { POSITION_EVENT, RESET_EVENT } from './resumeSignal';
import { cutIfSlow } from './slowConsumer';
import { backlogOf, measureBacklog } from './socketIoBacklog';
import type { MockMessage } from './types';
import type { UpgradeEndpoint } from './upgrade';

/** Names Socket.IO refuses to emit; a message of such a type goes out as `message` instead. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

export const eventOf = (message: { type: string }) =>
  RESERVED.has(message.type) ? 'message' : message.type;
export const payloadOf = (message: MockMessage) => message.raw ?? wireMessage(message);

/** The handshake cursor, as a string or a number; anything else replays nothing. */
function cursorOf(auth: Record<string, unknown>): number | undefined {
  const { cursor } = auth;
  if (typeof cursor === 'number') return nonNegativeInt('cursor', String(cursor));
  if (typeof cursor === 'string') return nonNegativeInt('cursor', cursor);
  return undefined;
}

export interface SocketIoEndpoint extends UpgradeEndpoint {
  request(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * `/socket.io/`: every log message emitted as `socket.emit(type, message)`, with state recovery.
 * A connect that did not recover its session gets the replay after `auth.cursor` and then
 * `tidings:position`, or `tidings:reset` when the log does not hold that cursor.
 */
export function createSocketIoEndpoint(
  ctx: ServerContext,
  /** A shared log's Redis Streams adapter, and the recovery offsets of its messages. */
  cluster?: SocketIoCluster,
): SocketIoEndpoint {
  const io = new Server({
    ...(cluster ? { adapter: cluster.adapter } : {}),
    serveClient: false,
    destroyUpgrade: false,
    // Middlewares run on a recovery too: a session resumed with a token that expired since (auth
    // mode, `setAuthTokens`) must be refused like a new one, as a real server checks it.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    pingInterval: ctx.socketIoPing.interval,
    pingTimeout: ctx.socketIoPing.timeout,
    // Socket.IO's 1 MB default let chat messages far past every other way in reach the log.
    maxHttpBufferSize: ctx.limits.maxMessageBytes,
    // The router checks Host and Origin first; these make the engine refuse on its own too.
    allowRequest: ctx.access.allowRequest,
    cors: { origin: ctx.access.corsOrigin },
  });
  // Bound to a server that never listens: the shared router hands requests and upgrades to the
  // engine itself, after counting them and applying faults, which an attached engine would skip.
  io.attach(createServer());
  io.engine.on('connection', measureBacklog);
  io.engine.on(
    'connection',
    (conn: { on(event: 'packetCreate', fn: (p: unknown) => void): void }) => {
      conn.on('packetCreate', (packet) => {
        const { data } = packet as { data?: unknown };
        if (typeof data === 'string' || Buffer.isBuffer(data)) {
          ctx.stats.bytes('socketio', Buffer.byteLength(data));
        }
      });
    },
  );

  // Auth mode: a refused handshake is a CONNECT_ERROR the client does not retry by itself.
  io.use((socket, next) => {
    if (ctx.auth.accepts(socket.handshake.auth.token)) next();
    else next(new Error(ctx.auth.reason));
  });

  io.on('connection', (socket: Socket) => {
    const release = ctx.live.open(
      'socketio',
      () => socket.conn.close(),
      () => socket.handshake.auth.token,
    );
    socket.on('disconnect', release);
    socket.on('chat', (data: unknown, ack?: unknown) => {
      const appended = ctx.log.append({ type: 'chat', data });
      const answer = typeof ack === 'function' ? ack : () => {};
      // A shared log appends through Redis: a failure there is this event's answer, not a crash.
      if (appended instanceof Promise) {
        appended.then(
          (message) => answer(wireMessage(message)),
          () => answer({ error: 'the chat message could not be logged' }),
        );
      } else {
        answer(wireMessage(appended));
      }
    });
    // A recovered socket already got what it missed from the adapter; replaying would duplicate.
    if (socket.recovered) return;
    let cursor: number | undefined;
    try {
      cursor = cursorOf(socket.handshake.auth);
    } catch (error) {
      socket.emit('error', { error: (error as Error).message });
      return;
    }
    const resume = ctx.log.resume(cursor);
    // A shared log's node emits without a round trip through the adapter (a per-socket emit would
    // be written to its stream first), with each message's own offset, as live messages go.
    const emit = cluster
      ? (event: string, arg: unknown, offsetOf: string) => {
          const offset = cluster.offsetOf(offsetOf);
          const to = io.local.to(socket.id);
          if (offset === undefined) to.emit(event, arg);
          else to.emit(event, arg, offset);
        }
      : (event: string, arg: unknown) => socket.emit(event, arg);
    if (resume.reset) emit(RESET_EVENT, resume.reset, resume.reset.cursor);
    for (const message of resume.messages) emit(eventOf(message), payloadOf(message), message.id);
    emit(POSITION_EVENT, resume.position, resume.position);
  });

  // Broadcast (not per-socket emits) so the adapter records offsets for connection state recovery.
  const unsubscribe = ctx.log.subscribe((message) => {
    for (const socket of io.sockets.sockets.values()) {
      cutIfSlow(ctx, backlogOf(socket.conn), () => socket.disconnect(true));
    }
    if (!cluster) {
      io.emit(eventOf(message), payloadOf(message));
      return;
    }
    // Every node emits what its own log reader read, with the message's entry in the adapter's
    // stream as the offset a session is restored from on any node.
    const offset = cluster.offsetOf(message.id);
    if (offset === undefined) io.local.emit(eventOf(message), payloadOf(message));
    else io.local.emit(eventOf(message), payloadOf(message), offset);
  });

  return {
    request: (req, res) => io.engine.handleRequest(req, res),
    upgrade: (req, socket, head) => io.engine.handleUpgrade(req, socket, head),
    async close() {
      unsubscribe();
      await io.close();
    },
  };
}
