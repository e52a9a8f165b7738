import type { TidingsEnv } from '../../env';
import type { TidingsError } from '../../errors';
import type { Frame } from '../../wire';
import { startWatchdog } from '../common/watchdog';

/** Keep-alive for a WebSocket: a ping on a timer, and a deadline for an answer. */
export interface HeartbeatOptions {
  /** Milliseconds between pings. @default 25000 */
  interval?: number;
  /**
   * Milliseconds a ping gets to be answered: the connection is declared dead (error kind
   * `timeout`) after `interval + timeout` ms without any incoming frame. @default 10000
   */
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
 * Watches one socket from its creation: the handshake and then every `interval + timeout` ms must
 * bring a frame, else `onTimeout` (a connection black-holed while connecting would otherwise hang
 * for as long as the platform lets it). Once `opened()`, pings go out every `interval`, so every
 * ping gets at least `timeout` ms to be answered; any frame proves the connection alive (a busy
 * server need not answer pings promptly). The deadline is the shared liveness watchdog; the ping
 * timer is only a schedule. Timers come from `env`, so tests drive them.
 */
export function startHeartbeat(
  env: TidingsEnv,
  options: ResolvedHeartbeat,
  what: string,
  ping: () => void,
  onTimeout: (error: TidingsError) => void,
): { opened(): void; alive(): void; stop(): void } {
  const watchdog = startWatchdog(env, options.interval + options.timeout, what, onTimeout);
  let pingTimer: unknown;
  const tick = () => {
    ping();
    pingTimer = env.setTimeout(tick, options.interval);
  };
  return {
    opened() {
      watchdog.alive();
      pingTimer = env.setTimeout(tick, options.interval);
    },
    alive: watchdog.alive,
    stop() {
      if (pingTimer !== undefined) env.clearTimeout(pingTimer);
      watchdog.stop();
    },
  };
}
