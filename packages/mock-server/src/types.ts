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
  /**
   * Largest message accepted by any way in, in bytes: HTTP request bodies (413), WebSocket frames
   * (closed with 1009), Socket.IO packets and MQTT publishes. CLI `--max-message`.
   * @default 65536
   */
  maxMessageBytes?: number;
  /**
   * Bytes written to a client but not yet read by it (a WebSocket's `bufferedAmount`, an HTTP
   * stream's `writableLength`) past which the client is cut off and counted in
   * `stats().slowConsumersDropped`. CLI `--max-buffer`.
   * @default 4194304 (4 MiB)
   */
  maxBufferedBytes?: number;
  /**
   * Persistent MQTT sessions (`clean: false`) kept by the broker; past it the session offline
   * longest is forgotten. `reset()` forgets every offline session. CLI `--max-mqtt-sessions`.
   * @default 100
   */
  maxMqttSessions?: number;
  /**
   * Extra page origins (`http://localhost:3000`) that may use the control API and every endpoint
   * from a browser, besides the server's own origin and the Storybook dev servers
   * (`http://localhost:6006`, `:6007`, and their `127.0.0.1`/`[::1]` forms). `'*'` allows any
   * origin and any `Host`. Requests without an `Origin` header (curl, Node) are always served.
   * CLI `--allow-origin` (repeatable).
   * @default []
   */
  allowOrigins?: string[];
  /**
   * Start behind a hostile network (see {@link HostileNetwork}). CLI `--refuse-upgrades`,
   * `--buffer-sse`, `--cut-after <ms>`, `--latency <transport>=<ms>`.
   * @default {} (a friendly network)
   */
  network?: HostileNetwork;
  /**
   * Auth mode: the tokens accepted; any other (an expired one, none) is refused on every endpoint
   * that carries credentials. HTTP endpoints read `Authorization: Bearer <token>` or `?token=` and
   * answer 401; `/ws` reads the same and closes with 4401; Socket.IO reads `auth.token` and its
   * middleware refuses; MQTT reads the password and answers connack 4 (bad username or password).
   * The control API is never guarded. CLI `--auth-token` (repeatable); rotate them while running
   * with `setAuthTokens()`.
   * @default undefined (auth off)
   */
  authTokens?: string[];
}

/** A mock server whose log is shared, through Redis, with every other one given the same Redis. */
export interface SharedLogOptions extends MockServerOptions {
  /**
   * `redis://host:port`: keep the ordered log in a Redis stream, so that every mock server given
   * the same Redis (and `redisPrefix`) serves one log: ids, cursors and resume work across them,
   * and Socket.IO runs the Redis Streams adapter with session recovery across them. `publish`
   * and `reset` then return promises. CLI `--redis`.
   */
  redis: string;
  /** Prefix of the Redis keys, so that separate logs can share one Redis. @default 'tidings' */
  redisPrefix?: string;
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
  /**
   * Clients (WebSocket, MQTT, Socket.IO, SSE, iframe, chat) cut off since start (or the last
   * reset) because more than `maxBufferedBytes` waited unread for them.
   */
  slowConsumersDropped: number;
  /** Persistent MQTT sessions (`clean: false`) the broker holds now, online or offline. */
  mqttSessions: number;
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

/**
 * A hostile network between the clients and the server (`startMockServer({ network })`,
 * `setNetwork()`, `POST /control/network`, CLI flags); `{}` clears it. Unlike faults, each lets
 * requests through in a broken shape, as proxies and hosts do.
 */
export interface HostileNetwork {
  /** Refuse every WebSocket upgrade (`/ws`, `/mqtt`, `/socket.io/`) with 403. @default false */
  refuseUpgrades?: boolean;
  /**
   * Hold the body of every event stream (`/api/sse`, `/api/chat`): headers go out at once, the
   * body only when the response ends, as a buffering proxy does. @default false
   */
  bufferSse?: boolean;
  /** Cut every connection (HTTP response or WebSocket) this many ms after it opened. @default never */
  cutAfter?: number;
  /** Extra ms before a request or upgrade of that transport is handled. @default {} */
  latency?: Partial<Record<TransportName, number>>;
}

/**
 * A running mock server. `TShared` is true for a server started with `redis`: its log is shared
 * with other processes, so `publish` and `reset` wait for Redis.
 */
export interface MockServer<TShared extends boolean = false> {
  /** `http://host:port` with the real port. */
  url: string;
  port: number;
  /** Appends to the log and sends to every transport. */
  publish(input: PublishInput): TShared extends true ? Promise<MockMessage> : MockMessage;
  /** Cuts every live connection of every transport, as a network fault would. */
  drop(): void;
  stats(): MockStats;
  setFaults(faults: Faults): void;
  /** Replaces the hostile-network settings (`{}`: a friendly network again). */
  setNetwork(network: HostileNetwork): void;
  /**
   * Rotates the tokens of auth mode while running (see `authTokens`): from now on only these are
   * accepted, and every live connection (SSE, long poll, iframe, chat, `/ws`, Socket.IO, MQTT)
   * opened with a token no longer accepted is cut at once, as a real server ends a session whose
   * token expired. Its client's reconnect then carries the old token and is refused (401, 4401,
   * `connect_error`, CONNACK 4) until it refreshes. An empty list turns auth off; tokens on a
   * server started without them turn it on (cutting every connection without an accepted token).
   * Over HTTP: `POST /control/auth {"tokens": [...]}`.
   *
   * @example
   * const server = await startMockServer({ authTokens: ['hour-1'] });
   * server.setAuthTokens(['hour-2']); // 'hour-1' expired: its connections are cut, reconnects refused
   */
  setAuthTokens(tokens: string[]): void;
  /**
   * Clears the log, faults, hostile-network settings and stats; ids keep increasing. A client resuming from a cursor older
   * than the last issued id is then answered with a reset (its messages are gone).
   */
  reset(): TShared extends true ? Promise<void> : void;
  close(): Promise<void>;
}
