import type { MockMessage } from '../types';

/** Big enough for any resume in a demo or a test, small enough that a long demo run stays flat. */
export const CAPACITY = 1000;

/** Why a cursor cannot be resumed from: the client must be told that messages may be missing. */
export type ResetReason = 'cursor-evicted' | 'unknown-cursor';

/**
 * What the log answers a client resuming from a cursor: the messages to replay, then `position`,
 * the server's present (the cursor the client holds once the answer is sent). With `reset`, the
 * cursor was not one this log holds: the client is told first (messages may be missing), its
 * cursor moves to `reset.cursor` (the floor), and the replay is everything the log still holds, so
 * only what is truly gone is missed.
 */
export interface Resume {
  messages: MockMessage[];
  position: string;
  reset?: { reason: ResetReason; cursor: string };
}

/**
 * The newest messages of a log, as every log keeps them in memory (the in-memory log whole, the
 * Redis log as its node's mirror): the last `CAPACITY` messages, the floor below which they are
 * gone, the unread count, the subscribers, and the one cursor check of every route. Who issues
 * the ids is the log's business; the window only takes them in order.
 */
export class LogWindow {
  #messages: MockMessage[] = [];
  readonly #listeners = new Set<(message: MockMessage) => void>();
  /** No id at or below it was issued by this log: a cursor below it is one another log issued. */
  readonly #epoch: number;
  /** The newest id taken in (a message, or the place of a reset). */
  #lastId: number;
  /** The newest id the window no longer holds: resuming from below it would skip messages. */
  #floor: number;
  #unread = 0;

  constructor(epoch: number) {
    this.#epoch = epoch;
    this.#lastId = epoch;
    this.#floor = epoch;
  }

  /**
   * Takes the next message (its id above every one taken) and hands it to every subscriber.
   * Returns the message evicted to stay within `CAPACITY`, if any.
   */
  add(message: MockMessage): MockMessage | undefined {
    this.#lastId = Number(message.id);
    this.#messages.push(message);
    let evicted: MockMessage | undefined;
    if (this.#messages.length > CAPACITY) {
      evicted = this.#messages.shift() as MockMessage;
      this.#floor = Number(evicted.id);
    }
    if (message.type === 'notification') this.#unread++;
    for (const listener of this.#listeners) listener(message);
    return evicted;
  }

  /** Empties the window at `id`: every cursor older than it now resumes as a reset. */
  clear(id: number): void {
    this.#messages = [];
    this.#unread = 0;
    this.#lastId = Math.max(this.#lastId, id);
    this.#floor = id;
  }

  /**
   * The one cursor check of every route. No cursor: nothing to replay, the client starts at the
   * present. A cursor the window holds (`floor <= cursor <= lastIssued`): the messages after it.
   * Any other cursor is a reset: it fell out of the log (`cursor-evicted`) or another process
   * issued it (`unknown-cursor`, below the epoch or above the newest id).
   */
  resume(cursor: number | undefined): Resume {
    const position = String(this.#lastId);
    if (cursor === undefined) return { messages: [], position };
    if (cursor >= this.#floor && cursor <= this.#lastId) {
      return { messages: this.after(cursor), position };
    }
    const evicted = cursor < this.#floor && cursor >= this.#epoch;
    return {
      messages: this.after(this.#floor),
      position,
      reset: { reason: evicted ? 'cursor-evicted' : 'unknown-cursor', cursor: String(this.#floor) },
    };
  }

  /** Messages with id > cursor, oldest first. */
  after(cursor: number): MockMessage[] {
    return this.#messages.filter((message) => Number(message.id) > cursor);
  }

  last(count: number): MockMessage[] {
    return this.#messages.slice(-count);
  }

  /** The newest id taken in: "from now" means after this. */
  get lastIssued(): number {
    return this.#lastId;
  }

  get size(): number {
    return this.#messages.length;
  }

  get unread(): number {
    return this.#unread;
  }

  subscribe(listener: (message: MockMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
