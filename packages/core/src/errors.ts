/** What went wrong, coarsely: lets apps branch without parsing messages. */
export type TidingsErrorKind =
  | 'network'
  | 'http'
  | 'parse'
  | 'auth'
  | 'protocol'
  | 'timeout'
  | 'config'
  | 'unsent'
  /** The server could not resume from the cursor: messages may have been missed. */
  | 'reset';

export interface TidingsErrorOptions {
  /** HTTP status, WebSocket close code or MQTT connack code. @default undefined */
  status?: number;
  /** Whether the reconnect logic retries it. @default true for network, timeout, http and protocol */
  retryable?: boolean;
  /** The original error, kept as `Error.cause`. @default undefined */
  cause?: unknown;
  /** Server-requested wait before the next attempt (from `Retry-After`), in ms. @default undefined */
  retryAfterMs?: number;
  /** What the app handed to `send`/`emit`/`publish` that was not sent (`unsent` errors). @default undefined */
  messages?: readonly unknown[];
}

/**
 * Every failure tidings reports. Never thrown into rendering: it lands in `state.error` and
 * `onError`. `retryable` is what the reconnect logic consults (unless `shouldReconnect` overrides).
 */
export class TidingsError extends Error {
  readonly kind: TidingsErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The messages an `unsent` error is about, as the app passed them, oldest first. */
  readonly messages: readonly unknown[] | undefined;

  constructor(kind: TidingsErrorKind, message: string, options: TidingsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TidingsError';
    this.kind = kind;
    this.status = options.status;
    this.retryable = options.retryable ?? defaultRetryable(kind);
    this.retryAfterMs = options.retryAfterMs;
    this.messages = options.messages;
  }
}

function defaultRetryable(kind: TidingsErrorKind): boolean {
  // A bad frame or a bad option will not get better by reconnecting; a network blip will.
  return kind === 'network' || kind === 'timeout' || kind === 'http' || kind === 'protocol';
}

/** Wraps anything caught into a TidingsError, keeping the original as `cause`. */
export function toTidingsError(error: unknown, kind: TidingsErrorKind = 'network'): TidingsError {
  if (error instanceof TidingsError) return error;
  return new TidingsError(kind, messageOf(error), { cause: error });
}

export function configError(message: string): TidingsError {
  return new TidingsError('config', message, { retryable: false });
}

/** The message of anything thrown: an Error's own, else its text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
