import type { OrderedLog } from './log/orderedLog';
import type { MockMessage, PublishInput } from './types';

type Listener = (message: MockMessage) => void;

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
 * The one cursor check of every route, for every log. No cursor: nothing to replay, the client
 * starts at the present. A cursor the log holds (`floor <= cursor <= lastId`): the messages after
 * it. Any other cursor is a reset: it fell out of the log (`cursor-evicted`, at or after `epoch`,
 * the first id the log could have issued) or another process issued it (`unknown-cursor`).
 */
export function resumeFrom(
  cursor: number | undefined,
  epoch: number,
  floor: number,
  lastId: number,
  after: (cursor: number) => MockMessage[],
): Resume {
  const position = String(lastId);
  if (cursor === undefined) return { messages: [], position };
  if (cursor >= floor && cursor <= lastId) return { messages: after(cursor), position };
  const evicted = cursor < floor && cursor >= epoch;
  return {
    messages: after(floor),
    position,
    reset: { reason: evicted ? 'cursor-evicted' : 'unknown-cursor', cursor: String(floor) },
  };
}

/**
 * The one ordered message log every transport reads from. Ids are decimal counters that start at
 * the boot time in microseconds, so a restarted server never reissues an id an older process
 * handed out and can tell a cursor it never issued.
 */
export class MessageLog implements OrderedLog {
  #messages: MockMessage[] = [];
  /** The counter at boot: no id at or below it was issued by this process. */
  readonly #boot: number;
  // Survives reset so that a client holding a cursor never sees an id twice.
  #lastId: number;
  /** The newest id the log no longer holds: resuming from below it would skip messages. */
  #floor: number;
  #unread = 0;
  #listeners = new Set<Listener>();

  /** `firstId`: the id of the first message. @default the boot time in microseconds, plus one */
  constructor(firstId: number = Date.now() * 1000 + 1) {
    if (!Number.isSafeInteger(firstId) || firstId < 1) {
      throw new RangeError(`firstId must be a whole number of at least 1, got ${firstId}`);
    }
    this.#boot = firstId - 1;
    this.#lastId = this.#boot;
    this.#floor = this.#boot;
  }

  append(input: PublishInput): MockMessage {
    const message: MockMessage = {
      id: String(++this.#lastId),
      type: input.type,
      data: input.data ?? null,
      ts: Date.now(),
    };
    if (input.topic !== undefined) message.topic = input.topic;
    if (input.raw !== undefined) message.raw = input.raw;
    this.#messages.push(message);
    if (this.#messages.length > CAPACITY) {
      const evicted = this.#messages.shift() as MockMessage;
      this.#floor = Number(evicted.id);
    }
    if (message.type === 'notification') this.#unread++;
    for (const listener of this.#listeners) listener(message);
    return message;
  }

  /** The one cursor check of every route (see {@link resumeFrom}). */
  resume(cursor: number | undefined): Resume {
    return resumeFrom(cursor, this.#boot, this.#floor, this.#lastId, (after) => this.after(after));
  }

  /** Messages with id > cursor, oldest first. */
  after(cursor: number): MockMessage[] {
    return this.#messages.filter((message) => Number(message.id) > cursor);
  }

  last(count: number): MockMessage[] {
    return this.#messages.slice(-count);
  }

  /** The newest id ever handed out: "from now" means after this. */
  get lastIssued(): number {
    return this.#lastId;
  }

  get size(): number {
    return this.#messages.length;
  }

  get unread(): number {
    return this.#unread;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Empties the log: every cursor older than the last issued id now resumes as a reset. */
  reset(): void {
    this.#messages = [];
    this.#unread = 0;
    this.#floor = this.#lastId;
  }
}

/** The message as clients see it: everything but `raw`, which replaces it on the wire. */
export function wireMessage(message: MockMessage): Omit<MockMessage, 'raw'> {
  const { id, type, data, ts, topic } = message;
  return topic === undefined ? { id, type, data, ts } : { id, type, data, ts, topic };
}

/** The frame payload of a message: its raw string, or the JSON of the message. */
export function wirePayload(message: MockMessage): string {
  return message.raw ?? JSON.stringify(wireMessage(message));
}
