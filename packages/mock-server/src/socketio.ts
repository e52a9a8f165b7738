import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ServerContext } from './context';
import { nonNegativeInt } from './errors';
import { wireMessage } from './log';
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

const eventOf = (message: MockMessage) => (RESERVED.has(message.type) ? 'message' : message.type);
const payloadOf = (message: MockMessage) => message.raw ?? wireMessage(message);

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
export function createSocketIoEndpoint(ctx: ServerContext): SocketIoEndpoint {
  const io = new Server({
    serveClient: false,
    destroyUpgrade: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
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
    const release = ctx.live.open('socketio', () => socket.conn.close());
    socket.on('disconnect', release);
    socket.on('chat', (data: unknown, ack?: unknown) => {
      const message = ctx.log.append({ type: 'chat', data });
      if (typeof ack === 'function') ack(wireMessage(message));
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
    if (resume.reset) socket.emit(RESET_EVENT, resume.reset);
    for (const message of resume.messages) socket.emit(eventOf(message), payloadOf(message));
    socket.emit(POSITION_EVENT, resume.position);
  });

  // Broadcast (not per-socket emits) so the adapter records offsets for connection state recovery.
  const unsubscribe = ctx.log.subscribe((message) => {
    for (const socket of io.sockets.sockets.values()) {
      cutIfSlow(ctx, backlogOf(socket.conn), () => socket.disconnect(true));
    }
    io.emit(eventOf(message), payloadOf(message));
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
