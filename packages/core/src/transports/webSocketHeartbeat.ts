import type { TidingsEnv } from '../env';
import type { Frame } from '../wire';

/** Keep-alive for a WebSocket: a ping on a timer, and a deadline for an answer. */
export interface HeartbeatOptions {
  /** Milliseconds between pings. @default 25000 */
  interval?: number;
  /** Milliseconds to wait for any frame after a ping before the connection is declared dead. @default 10000 */
  timeout?: number;
  /** The ping; a string is sent as it is, anything else as JSON. @default '{"type":"ping"}' */
  message?: unknown;
  /**
   * The server's answer, kept out of the messages delivered to the app: the exact frame text (a
   * JSON text also matches the same JSON written with other spacing), or a predicate on the raw
   * frame. @default '{"type":"pong"}'
   */
  pong?: string | ((raw: unknown) => boolean);
}

export type ResolvedHeartbeat = Required<HeartbeatOptions>;

export function resolveHeartbeat(
  options: HeartbeatOptions | boolean | undefined,
): ResolvedHeartbeat | false {
  if (options === undefined || options === false) return false;
  const given = options === true ? {} : options;
  return {
    interval: given.interval ?? 25_000,
    timeout: given.timeout ?? 10_000,
    message: given.message ?? '{"type":"ping"}',
    pong: given.pong ?? '{"type":"pong"}',
  };
}

/** True when a frame is the heartbeat's pong, which is then not delivered as a message. */
export function isPong(heartbeat: ResolvedHeartbeat, raw: unknown, json: Frame['json']): boolean {
  const { pong } = heartbeat;
  if (typeof pong === 'function') {
    try {
      return pong(raw);
    } catch {
      return false; // a throwing predicate must not break the socket's message handler
    }
  }
  if (raw === pong) return true;
  if (!json?.ok || typeof raw !== 'string') return false;
  try {
    return JSON.stringify(json.value) === JSON.stringify(JSON.parse(pong));
  } catch {
    return false; // the pong option is not JSON: only the exact text matches
  }
}

/**
 * Pings every `interval`; after a ping, `timeout` ms without any incoming frame calls `onTimeout`.
 * Any frame proves the connection alive (a busy server need not answer pings promptly). Its own
 * unit with the injected timer, so tests drive it and a page could swap the timer source.
 */
export function startHeartbeat(
  env: TidingsEnv,
  options: ResolvedHeartbeat,
  ping: () => void,
  onTimeout: () => void,
): { alive(): void; stop(): void } {
  let pingTimer: unknown;
  let deadline: unknown;
  const clearDeadline = () => {
    if (deadline !== undefined) env.clearTimeout(deadline);
    deadline = undefined;
  };
  const tick = () => {
    ping();
    deadline ??= env.setTimeout(() => {
      deadline = undefined;
      onTimeout();
    }, options.timeout);
    pingTimer = env.setTimeout(tick, options.interval);
  };
  pingTimer = env.setTimeout(tick, options.interval);
  return {
    alive: clearDeadline,
    stop() {
      env.clearTimeout(pingTimer);
      clearDeadline();
    },
  };
}
