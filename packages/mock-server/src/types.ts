/** One entry of the shared log; every transport sends the same entries in the same order. */
export interface MockMessage {
  /**
   * Decimal integer string, monotonic for the life of the server (never reused, even after reset)
   * and, by default, across restarts: the counter starts at the boot time in microseconds.
   */
  id: string;
  type: string;
  data: unknown;
  /** `Date.now()` when the message was appended. */
  ts: number;
  /** MQTT topic. Only present when given; MQTT uses `notifications/<type>` otherwise. */
  topic?: string;
  /** Sent verbatim instead of the JSON message (to test malformed frames). */
  raw?: string;
}

export interface PublishInput {
  type: string;
  data?: unknown;
  topic?: string;
  raw?: string;
}

export interface MockServerOptions {
  /** @default 4000 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Directory served for paths no endpoint matches (e.g. a built Storybook). */
  staticDir?: string;
  /** Publish a demo message every this many ms; 0 or undefined turns the generator off. */
  demoInterval?: number;
  /** Interval of SSE `: ping` comments and iframe `{type:'tidings:ping'}` posts. @default 5000 */
  heartbeatMs?: number;
  /**
   * Socket.IO's server heartbeat: a ping every `interval` ms, and a client that has seen none for
   * `interval + timeout` ms counts the connection dead (tests shorten it to see a dead path fast).
   * @default { interval: 25000, timeout: 20000 } (Socket.IO's own)
   */
  socketIoPing?: { interval?: number; timeout?: number };
  /** Delay between tokens of `POST /api/chat`. @default 40 */
  tokenDelayMs?: number;
  /**
   * Id of the first message, for tests that want small numbers. Ids then repeat across restarts,
   * so a restarted server cannot tell an old cursor from its own.
   * @default the boot time in microseconds (`Date.now() * 1000`) plus one
   */
  firstId?: number;
  /** Log one line when listening. @default false (the CLI passes true) */
  log?: boolean;
}

export type TransportName =
  | 'poll'
  | 'longPoll'
  | 'sse'
  | 'chat'
  | 'ws'
  | 'mqtt'
  | 'socketio'
  | 'iframe';

export interface TransportStats {
  /** HTTP requests or upgrade attempts, faulted ones included. */
  requests: number;
  /** Currently open. */
  connections: number;
  /** Opened since start (or the last reset). */
  opened: number;
  /** Payload bytes sent to clients. */
  bytes: number;
}

export interface MockStats {
  /** Messages currently in the log. */
  messages: number;
  transports: Record<TransportName, TransportStats>;
}

/** Chaos settings; `{}` clears them. */
export interface Faults {
  /** HTTP status (400..599) answered instead of the real response. */
  status?: number;
  /** Share of requests that fail, 0..1. @default 1 when status is given */
  errorRate?: number;
  /** Delay in ms before every request or upgrade is handled. */
  latency?: number;
  /** Seconds sent as `Retry-After` with a faulted response. */
  retryAfter?: number;
  /** `/ws` only: accept the connection, then close it at once with this code (e.g. 4401). */
  closeCode?: number;
}

export interface MockServer {
  /** `http://host:port` with the real port. */
  url: string;
  port: number;
  /** Appends to the log and sends to every transport. */
  publish(input: PublishInput): MockMessage;
  /** Cuts every live connection of every transport, as a network fault would. */
  drop(): void;
  stats(): MockStats;
  setFaults(faults: Faults): void;
  /**
   * Clears the log, faults and stats; ids keep increasing. A client resuming from a cursor older
   * than the last issued id is then answered with a reset (its messages are gone).
   */
  reset(): void;
  close(): Promise<void>;
}
