import { backoff, type ReconnectOptions, resolveReconnect } from './backoff';
import type { TidingsEnv } from './env';
import { messageOf, TidingsError } from './errors';
import { listen } from './listen';
import { isAtOrBefore } from './messageOrder';
import { SeenIds } from './seenIds';
import type { FrameMeta, Status } from './types';

const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * A server's refusal of the credentials (HTTP 401/403, close 4401/4403, MQTT connack 4/5, a
 * Socket.IO middleware error): final `auth` errors. A credentials getter that threw is a
 * retryable `auth` error instead, left to the backoff.
 */
function isServerAuthRefusal(error: TidingsError): boolean {
  return error.kind === 'auth' && !error.retryable;
}

/** One frame off the wire, before any consumer parses it. */
export interface Frame {
  /** A string for text transports; a value for structured ones (long-poll items, Socket.IO args). */
  raw: unknown;
  meta: FrameMeta;
  /** Delivery id: drops a frame seen twice, and is the cursor unless `cursor` is given. */
  id?: string | undefined;
  /** Where the frame moves the cursor when that is not its delivery id (SSE `id:` with `messageId`). */
  cursor?: string | undefined;
  /** Set when the wire already decoded `raw` as JSON (to read its id), so consumers reuse it. */
  json?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

export interface WireState {
  status: Status;
  error: TidingsError | null;
  attempt: number;
  cursor: string | undefined;
}

export interface WireListener {
  state(state: WireState): void;
  /** Each successful open or poll response. */
  opened(): void;
  frame(frame: Frame): void;
  /** A non-fatal problem (a malformed frame the wire itself noticed). */
  report(error: TidingsError): void;
  /** Each consumer may veto a retry; the latest closure is consulted at failure time. */
  shouldReconnect(error: TidingsError): boolean;
  /**
   * The server refused the credentials (a final `auth` error): true (or a promise of it)
   * retries at once, the credentials getters being called again; anything else leaves the failure
   * to the usual rules. Any consumer asking for it is enough.
   */
  recoverAuth?(error: TidingsError, attempt: number): boolean | Promise<boolean>;
}

/** What a transport's driver gets for one connection attempt. Calls after the attempt closed are ignored. */
export interface AttemptContext {
  readonly cursor: string | undefined;
  readonly env: TidingsEnv;
  /** The connection is established (or a poll succeeded): resets the attempt counter and error. */
  opened(): void;
  frame(frame: Frame): void;
  /**
   * Moves the cursor without a message (long-poll answers and position signals carry one);
   * undefined forgets it (an SSE `id:` with an empty value), so the next attempt resumes from nothing.
   */
  setCursor(cursor: string | undefined): void;
  /**
   * The server could not resume from our cursor and goes on from `cursor`: seen ids are forgotten
   * and every consumer gets a `reset` error, while the status stays as it is.
   */
  reset(cursor: string, reason: string): void;
  /** The attempt ended unexpectedly; the wire decides whether and when to retry. */
  fail(error: TidingsError): void;
  report(error: TidingsError): void;
  /** Replaces the base delay of the backoff (the SSE server's `retry:`). */
  setBaseDelay(ms: number): void;
  /**
   * The attempt finished its work (a request-scoped answer is complete): the wire stops, status
   * `closed` with no error, and nothing is retried.
   */
  end(): void;
}

/**
 * One connection attempt, kept by the wire while it is live (`wire.attempt`). The wire calls
 * `close()` exactly once when the attempt ends (a failure, `reconnect()`, a hidden page, `stop()`);
 * after that the attempt's context ignores every call. Verbs reach the live attempt through the
 * wire, so a transport adds its own methods here (`send`, a poll-now).
 */
export interface Attempt {
  /** Releases what the attempt holds (socket, request, timers). Called once. */
  close(): void;
  /** Writes to the live connection, for transports that can send. */
  send?(data: unknown): void;
  /**
   * The live underlying client (WebSocket, EventSource, Socket.IO socket, MQTT client, ...) for
   * `channel.raw()`; undefined while there is none (still resolving credentials, between tries).
   */
  raw?(): unknown;
}

/** A transport: starts one attempt per call; the wire owns retries, cursor, dedupe and sharing. */
export interface Driver<A extends Attempt = Attempt> {
  start(context: AttemptContext): A;
}

export interface WireOptions {
  /** Reconnect schedule, or false to never reconnect. @default true (the default schedule) */
  reconnect?: ReconnectOptions | boolean;
  /** End the attempt while the page is hidden, start one when visible. @default false */
  pauseWhenHidden?: boolean;
  /**
   * Delivery ids are increasing decimal counters, so an id at or before the cursor is a replay and
   * is dropped even once it left the seen-id window. Otherwise ids are opaque: only an id already
   * seen is dropped. @default false
   */
  orderedIds?: boolean;
  /**
   * Each frame is a whole snapshot (short polling): a consumer that joins a running wire is
   * handed the last one at once instead of waiting a full interval with no data. @default false
   */
  replayLast?: boolean;
  /**
   * A page restored from the bfcache starts a new attempt. false for a request-scoped stream,
   * which must never be sent again unasked. @default true
   */
  reconnectOnRestore?: boolean;
}

/**
 * The connection half of a channel: status, reconnect with backoff, resume cursor, dedupe and page
 * lifecycle (online/offline, visibility, bfcache). It knows nothing of parsing or rendering, so a
 * consumer in another tab (planned cross-tab sharing) can consume the same frames.
 */
export class Wire<A extends Attempt = Attempt> {
  #state: WireState = { status: 'idle', error: null, attempt: 0, cursor: undefined };
  readonly #listeners = new Set<WireListener>();
  readonly #seen = new SeenIds();
  readonly #reconnectOptions;
  #baseDelay: number | undefined;
  #liveAttempt: A | undefined;
  #attemptToken = 0;
  #retryTimer: unknown;
  #waitingForOnline = false;
  #paused = false;
  #running = false;
  #lifecycleDisposers: Array<() => void> = [];
  #lastFrame: Frame | undefined;

  #driver: Driver<A>;
  readonly #options: WireOptions;

  constructor(
    driver: Driver<A>,
    readonly env: TidingsEnv,
    options: WireOptions = {},
  ) {
    this.#driver = driver;
    this.#options = options;
    this.#reconnectOptions = resolveReconnect(options.reconnect);
  }

  getState(): WireState {
    return this.#state;
  }

  /** The live attempt, for a transport's verbs; undefined between attempts and once stopped. */
  get attempt(): A | undefined {
    return this.#liveAttempt;
  }

  get isRunning(): boolean {
    return this.#running;
  }

  listen(listener: WireListener): () => void {
    this.#listeners.add(listener);
    if (this.#lastFrame) listener.frame(this.#lastFrame);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Whether attempts end while the page is hidden (`pauseWhenHidden`). */
  get pausesWhenHidden(): boolean {
    return this.#options.pauseWhenHidden === true;
  }

  /**
   * Cross-tab sharing: wraps how attempts start, so a tab that does not lead runs a relay of the
   * leading tab's frames instead of a connection. Call before `start()`.
   */
  wrapDriver(wrap: (driver: Driver<A>) => Driver<A>): void {
    this.#driver = wrap(this.#driver);
  }

  /**
   * Cross-tab sharing: a following tab takes the leading tab's status, attempt count and error
   * as its own, so every tab shows the same; `forgetSeen` after the leader's reset, whose ids
   * may be issued again. Ignored once stopped.
   */
  mirror(
    patch: Partial<Pick<WireState, 'status' | 'error' | 'attempt'>>,
    forgetSeen = false,
  ): void {
    if (!this.#running) return;
    if (forgetSeen) this.#seen.clear();
    this.#setState(patch);
  }

  /** Starts connecting unless already running. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#watchPageLifecycle();
    this.#setState({ status: 'connecting', attempt: 0 });
    if (this.#options.pauseWhenHidden && this.env.document?.hidden) this.#paused = true;
    else this.#beginAttempt();
  }

  /** Terminal until `start()`: no more attempts, no timers, no listeners on the page. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#endAttempt();
    this.#cancelRetry();
    for (const dispose of this.#lifecycleDisposers.splice(0)) dispose();
    this.#setState({ status: 'closed' });
  }

  /** Drops the current attempt and starts a new one now, skipping any wait. */
  reconnect(): void {
    if (!this.#running) {
      this.start();
      return;
    }
    this.#endAttempt();
    this.#cancelRetry();
    this.#setState({ status: this.#state.status === 'open' ? 'reconnecting' : this.#state.status });
    // A refresh() or bfcache restore in a hidden tab must not undo pauseWhenHidden: the visible
    // page resumes at once anyway.
    this.#paused = this.#options.pauseWhenHidden === true && this.env.document?.hidden === true;
    if (!this.#paused) this.#beginAttempt();
  }

  #beginAttempt(): void {
    const token = ++this.#attemptToken;
    const live = () => token === this.#attemptToken && this.#running;
    const context: AttemptContext = {
      cursor: this.#state.cursor,
      env: this.env,
      opened: () => live() && this.#handleOpened(),
      frame: (frame) => live() && this.#handleFrame(frame),
      setCursor: (cursor) => live() && this.#setState({ cursor }),
      reset: (cursor, reason) => live() && this.#handleReset(cursor, reason),
      fail: (error) => live() && this.#handleFailure(error),
      report: (error) => live() && this.#forEachListener((l) => l.report(error)),
      setBaseDelay: (ms) => {
        if (live()) this.#baseDelay = ms;
      },
      end: () => live() && this.stop(),
    };
    try {
      const attempt = this.#driver.start(context);
      // An attempt that failed while starting is already over: close it instead of keeping it.
      if (live()) this.#liveAttempt = attempt;
      else attempt.close();
    } catch (error) {
      // A platform constructor that throws synchronously (a URL EventSource or WebSocket rejects)
      // will throw again on every retry: report it as a configuration error, never to the caller.
      context.fail(
        error instanceof TidingsError
          ? error
          : new TidingsError('config', messageOf(error), { cause: error, retryable: false }),
      );
    }
  }

  #endAttempt(): void {
    // Invalidate the token first so the attempt's own close events are ignored.
    this.#attemptToken++;
    const attempt = this.#liveAttempt;
    this.#liveAttempt = undefined;
    attempt?.close();
  }

  #handleOpened(): void {
    this.#setState({ status: 'open', attempt: 0, error: null });
    this.#forEachListener((l) => l.opened());
  }

  #handleFrame(frame: Frame): void {
    const { id } = frame;
    if (id !== undefined) {
      const old = this.#options.orderedIds === true && isAtOrBefore(id, this.#state.cursor);
      if (old || !this.#seen.add(id)) return;
    }
    const cursor = frame.cursor ?? id;
    if (cursor !== undefined) this.#setState({ cursor });
    if (this.#options.replayLast) this.#lastFrame = frame;
    this.#forEachListener((l) => l.frame(frame));
  }

  #handleReset(cursor: string, reason: string): void {
    // Ids of the lost history mean nothing now: a restarted server may issue them again.
    this.#seen.clear();
    const error = new TidingsError(
      'reset',
      `The server could not resume from cursor ${this.#state.cursor ?? '(none)'} (${reason}): messages may have been missed; going on from ${cursor}`,
      { retryable: false },
    );
    this.#setState({ cursor, error });
  }

  #handleFailure(error: TidingsError): void {
    this.#endAttempt();
    const attempt = this.#state.attempt + 1;
    if (isServerAuthRefusal(error) && this.#recoverAuth(error, attempt)) return;
    this.#retryOrClose(error, attempt);
  }

  /**
   * Asks the consumers' `onAuthError` whether to retry a refused attempt: a yes starts one at once
   * (the refresh is done, nothing to wait for), with neither backoff nor the retry budget, so the
   * app alone bounds it (by `attempt`). Returns false when every answer was a synchronous no, so
   * the failure goes on as usual; otherwise the answers decide once they are all in (a microtask
   * later at the least, so a transport that refuses synchronously cannot recurse).
   */
  #recoverAuth(error: TidingsError, attempt: number): boolean {
    const answers = [...this.#listeners].map((l) => l.recoverAuth?.(error, attempt) ?? false);
    if (!answers.some((answer) => answer === true || answer instanceof Promise)) return false;
    this.#setState({ status: 'reconnecting', error, attempt });
    // stop(), reconnect() and a page hidden meanwhile all move the token: the answer is then moot.
    const token = this.#attemptToken;
    const settled = answers.map((answer) => Promise.resolve(answer).catch(() => false));
    void Promise.all(settled).then((results) => {
      if (token !== this.#attemptToken || !this.#running) return;
      if (results.includes(true)) this.#beginAttempt();
      else this.#retryOrClose(error, attempt);
    });
    return true;
  }

  #retryOrClose(error: TidingsError, attempt: number): void {
    const options = this.#reconnectOptions;
    const vetoed = [...this.#listeners].some((l) => !l.shouldReconnect(error));
    if (!options || vetoed || attempt > options.retries) {
      this.#running = false;
      for (const dispose of this.#lifecycleDisposers.splice(0)) dispose();
      this.#setState({ status: 'closed', error, attempt });
      return;
    }
    this.#setState({ status: 'reconnecting', error, attempt });
    if (this.env.navigator?.onLine === false) {
      this.#waitingForOnline = true;
      return;
    }
    const base =
      this.#baseDelay === undefined ? options : { ...options, minDelay: this.#baseDelay };
    // Timers take at most 2^31 - 1 ms; a larger Retry-After would otherwise fire at once.
    const delay = Math.min(
      error.retryAfterMs ?? backoff(attempt - 1, base, this.env.random),
      MAX_TIMER_DELAY,
    );
    this.#retryTimer = this.env.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#beginAttempt();
    }, delay);
  }

  #cancelRetry(): void {
    if (this.#retryTimer !== undefined) this.env.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#waitingForOnline = false;
  }

  #watchPageLifecycle(): void {
    const { window, document } = this.env;
    this.#lifecycleDisposers.push(
      listen(window, 'online', () => {
        // Coming back online is the best moment to retry: skip whatever wait was left.
        if (this.#waitingForOnline || this.#retryTimer !== undefined) {
          this.#cancelRetry();
          if (!this.#paused) this.#beginAttempt();
        }
      }),
      listen(window, 'offline', () => {
        // Attempts made offline only burn the retry budget; wait for `online` instead.
        if (this.#retryTimer !== undefined) {
          this.#cancelRetry();
          this.#waitingForOnline = true;
        }
      }),
      listen(window, 'pageshow', (event) => {
        const restored = (event as PageTransitionEvent).persisted;
        if (restored && this.#options.reconnectOnRestore !== false) this.reconnect();
      }),
    );
    if (this.#options.pauseWhenHidden) {
      this.#lifecycleDisposers.push(
        listen(document, 'visibilitychange', () => {
          if (document?.hidden) this.#pause();
          else this.#resume();
        }),
      );
    }
  }

  #pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.#endAttempt();
    this.#cancelRetry();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#beginAttempt();
  }

  #setState(patch: Partial<WireState>): void {
    const next = { ...this.#state, ...patch };
    const prev = this.#state;
    if (
      prev.status === next.status &&
      prev.error === next.error &&
      prev.attempt === next.attempt &&
      prev.cursor === next.cursor
    ) {
      return;
    }
    this.#state = next;
    this.#forEachListener((l) => l.state(next));
  }

  #forEachListener(fn: (listener: WireListener) => void): void {
    for (const listener of [...this.#listeners]) fn(listener);
  }
}
