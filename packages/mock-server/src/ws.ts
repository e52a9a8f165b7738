import type { Socket } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { requestToken, WS_UNAUTHORIZED } from './auth';
import type { ServerContext } from './context';
import { nonNegativeInt } from './errors';
import { wirePayload } from './log';
import { positionFrame, resetFrame } from './resumeSignal';
import { cutIfSlow } from './slowConsumer';
import type { UpgradeEndpoint } from './upgrade';

/** Parses a client frame and says what to answer; the frame never closes the connection. */
function handleFrame(
  ctx: ServerContext,
  data: RawData,
  isBinary: boolean,
  reply: (answer: object) => void,
): object | undefined {
  if (isBinary) return { type: 'error', error: 'frames must be text (JSON), not binary' };
  let frame: unknown;
  try {
    frame = JSON.parse(data.toString());
  } catch {
    return { type: 'error', error: 'frame must be valid JSON' };
  }
  const type = (frame as { type?: unknown } | null)?.type;
  if (type === 'ping') return { type: 'pong' };
  if (type === 'chat') {
    // Appended to the log, so every transport (this socket included) gets it like a publish.
    const appended = ctx.log.append({ type: 'chat', data: (frame as { data?: unknown }).data });
    // A shared log appends through Redis: a failure there is this frame's error, not a crash.
    if (appended instanceof Promise) {
      appended.catch(() => reply({ type: 'error', error: 'the chat message could not be logged' }));
    }
    return undefined;
  }
  return {
    type: 'error',
    error: `unknown frame type ${JSON.stringify(type)}: expected "ping" or "chat"`,
  };
}

/**
 * `WS /ws?cursor=`: the log as JSON text frames, with ping/pong and chat. Each connection gets the
 * replay after `cursor`, then a `$tidings` position (or reset) control frame, then live messages.
 */
export function createWsEndpoint(ctx: ServerContext): UpgradeEndpoint {
  // ws accepts 100 MiB frames by default, and chat frames land in the log: one limit for all.
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.limits.maxMessageBytes });

  function connected(
    ws: WebSocket,
    socket: Socket,
    cursor: number | undefined,
    token: string | undefined,
  ) {
    const disposers = [
      ctx.live.open(
        'ws',
        () => ws.terminate(),
        () => token,
      ),
      ctx.stats.meter('ws', () => socket.bytesWritten),
    ];
    ws.on('close', () => {
      for (const dispose of disposers) dispose();
    });
    // A client's protocol error (bad frame, reset) must end that socket, not crash the server.
    ws.on('error', () => ws.terminate());
    const { closeCode } = ctx.faults.current;
    if (closeCode !== undefined) {
      ws.close(closeCode, 'injected fault');
      return;
    }
    // Accepted, then closed: a browser sees the close code, never an upgrade's 401.
    if (!ctx.auth.accepts(token)) {
      ws.close(WS_UNAUTHORIZED, ctx.auth.reason);
      return;
    }
    const send = (payload: string) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!cutIfSlow(ctx, ws.bufferedAmount, () => ws.terminate())) ws.send(payload);
    };
    ws.on('message', (data, isBinary) => {
      const reply = handleFrame(ctx, data, isBinary, (late) => send(JSON.stringify(late)));
      if (reply) send(JSON.stringify(reply));
    });
    const resume = ctx.log.resume(cursor);
    if (resume.reset) send(JSON.stringify(resetFrame(resume.reset)));
    for (const message of resume.messages) send(wirePayload(message));
    send(JSON.stringify(positionFrame(resume.position)));
    disposers.push(ctx.log.subscribe((message) => send(wirePayload(message))));
  }

  return {
    upgrade(req, socket, head, url) {
      // Validated before the handshake so a bad cursor is a 400, not an open-then-closed socket.
      const cursor = nonNegativeInt('cursor', url.searchParams.get('cursor'));
      const token = requestToken(req, url);
      wss.handleUpgrade(req, socket, head, (ws) => connected(ws, socket as Socket, cursor, token));
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
