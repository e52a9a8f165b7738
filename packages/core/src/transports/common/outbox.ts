import { configError, TidingsError } from '../../errors';

/**
 * What a transport verb did with one message, known when the call returns:
 * - `'sent'`: handed to the open connection;
 * - `'queued'`: accepted while the connection is not open; it is sent on the next open, or, if
 *   the channel closes first, reported with an `unsent` error naming it;
 * - `'refused'`: not accepted (the channel is not connected, queueing is off while not open, the
 *   value cannot be encoded, the topic is invalid); the receipt rejects with the reason.
 */
export type SendStatus = 'sent' | 'queued' | 'refused';

/**
 * The one send contract of WebSocket `send`, Socket.IO `emit`/`emitWithAck` and MQTT `publish`:
 * a Promise settled with that message's fate, plus the `status` known at the call.
 *
 * It resolves once the message is written (or acknowledged, where the protocol acknowledges:
 * MQTT QoS 1/2, a Socket.IO ack). It rejects with a `TidingsError`: `unsent` when the message was
 * not and will not be sent (refused because the channel is not connected, or accepted and then
 * dropped: a full queue, the channel closed first), `config` when the call itself is wrong,
 * `timeout` when an awaited ack did not come. A receipt nobody awaits never raises an unhandled
 * rejection: an accepted message that is lost is also reported through `onError` and
 * `state.error` of the channel that accepted it, with the message in `error.messages`.
 */
export type SendReceipt<T = void> = Promise<T> & { readonly status: SendStatus };

/** A receipt still waiting for its message's fate, with the hands that settle it. */
export interface PendingReceipt<T> {
  readonly receipt: SendReceipt<T>;
  resolve(value: T): void;
  reject(error: TidingsError): void;
}

export function pendingReceipt<T>(status: SendStatus): PendingReceipt<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: TidingsError) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The failure also reaches onError/state.error (or the caller, who holds `status`): a receipt
  // left unawaited must not become an unhandled rejection.
  promise.catch(() => {});
  return { receipt: Object.assign(promise, { status }), resolve, reject };
}

/** A receipt for a message that was handed to the connection and needs no ack. */
export function sentReceipt(): SendReceipt<void> {
  const pending = pendingReceipt<void>('sent');
  pending.resolve();
  return pending.receipt;
}

/** A receipt for a message that was not accepted. */
export function refusedReceipt<T = void>(error: TidingsError): SendReceipt<T> {
  const pending = pendingReceipt<T>('refused');
  pending.reject(error);
  return pending.receipt;
}

/** The `unsent` error for messages that were not and will not be sent. */
export function unsentError(
  messages: readonly unknown[],
  reason: string,
  cause?: TidingsError | null,
): TidingsError {
  const count = messages.length === 1 ? '1 message was' : `${messages.length} messages were`;
  const because = cause ? `: ${cause.message}` : '';
  return new TidingsError('unsent', `${count} not sent: ${reason}${because}`, {
    retryable: false,
    messages,
    cause: cause ?? undefined,
  });
}

const DEFAULT_QUEUE = 100;

/**
 * The per-channel bound the `queue` option of every sending transport means: absent or `true`
 * 100, `false` 0 (refuse while not open), else the number.
 */
export function queueLimit(queue: number | boolean | undefined): number {
  if (queue === undefined || queue === true) return DEFAULT_QUEUE;
  if (queue === false) return 0;
  return queue;
}

export function checkQueue(queue: unknown): TidingsError | undefined {
  if (queue === undefined || typeof queue === 'boolean') return undefined;
  if (typeof queue === 'number' && Number.isInteger(queue) && queue >= 0) return undefined;
  return configError(`queue must be false or a whole number of messages, got ${String(queue)}`);
}

/** The consumer (channel) a queued message belongs to: where its loss is reported. */
export interface OutboxOwner {
  report(error: TidingsError): void;
}

/** One accepted message waiting for an open connection. */
export interface OutboxEntry {
  readonly owner: OutboxOwner;
  /** What the app passed, for the `unsent` error. */
  readonly message: unknown;
  /** Settles the entry's receipt as failed. */
  reject(error: TidingsError): void;
}

/**
 * Messages accepted while the connection is not open, in one FIFO per wire so they leave in the
 * order they were accepted, whoever sent them. The bound is per owner: one chatty consumer of a
 * shared connection cannot evict another's messages. Nothing leaves it silently: every entry is
 * either taken out to be sent or rejected and reported to its owner as `unsent`.
 */
export class Outbox<E extends OutboxEntry> {
  #entries: E[] = [];

  get size(): number {
    return this.#entries.length;
  }

  /**
   * Appends an entry. When its owner already holds `limit` entries, the owner's oldest is dropped
   * (the newest is what a user typed last and most likely still wants) and reported.
   */
  push(entry: E, limit: number): void {
    if (this.countOf(entry.owner) >= limit) {
      const index = this.#entries.findIndex((queued) => queued.owner === entry.owner);
      const [dropped] = this.#entries.splice(index, 1);
      if (dropped) {
        fail(
          entry.owner,
          [dropped],
          `the send queue is full (${limit} messages while not connected); the oldest was dropped`,
        );
      }
    }
    this.#entries.push(entry);
  }

  /** The oldest entry, left in place until `shift()` confirms it was sent. */
  peek(): E | undefined {
    return this.#entries[0];
  }

  shift(): void {
    this.#entries.shift();
  }

  /** Puts entries back in front, in their order (sent on a connection that closed before its ack). */
  unshift(entries: E[]): void {
    this.#entries.unshift(...entries);
  }

  /** Rejects and reports an owner's entries (its channel closed before they could be sent). */
  forget(owner: OutboxOwner, reason: string, cause?: TidingsError | null): void {
    const mine = this.#entries.filter((entry) => entry.owner === owner);
    if (mine.length === 0) return;
    this.#entries = this.#entries.filter((entry) => entry.owner !== owner);
    fail(owner, mine, reason, cause);
  }

  /** Rejects and reports every entry, one error per owner (the wire closed for good). */
  failAll(reason: string, cause?: TidingsError | null): void {
    const owners = new Set(this.#entries.map((entry) => entry.owner));
    for (const owner of owners) this.forget(owner, reason, cause);
  }

  countOf(owner: OutboxOwner): number {
    let count = 0;
    for (const entry of this.#entries) if (entry.owner === owner) count++;
    return count;
  }
}

/** Rejects each entry with one error naming all of them, reported once to their owner. */
export function fail(
  owner: OutboxOwner,
  entries: readonly OutboxEntry[],
  reason: string,
  cause?: TidingsError | null,
): void {
  const error = unsentError(
    entries.map((entry) => entry.message),
    reason,
    cause,
  );
  for (const entry of entries) entry.reject(error);
  owner.report(error);
}

/** Why a wire's messages will not be sent: closed for good by an error, or closed by the app. */
export function closedReason(error: TidingsError | null): {
  reason: string;
  cause: TidingsError | null;
} {
  return error
    ? { reason: 'the channel closed for good', cause: error }
    : { reason: 'the channel closed before they could be sent', cause: null };
}
