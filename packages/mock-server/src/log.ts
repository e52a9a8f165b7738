import type { OrderedLog } from './log/orderedLog';
import { LogWindow, type Resume } from './log/window';
import type { MockMessage, PublishInput } from './types';

export { CAPACITY, type ResetReason, type Resume } from './log/window';

/**
 * The one ordered message log every transport reads from, all of it in memory. Ids are decimal
 * counters that start at the boot time in microseconds, so a restarted server never reissues an
 * id an older process handed out and can tell a cursor it never issued.
 */
export class MessageLog implements OrderedLog {
  // Its epoch is the counter at boot: no id at or below it was issued by this process. Its last
  // id survives reset, so that a client holding a cursor never sees an id twice.
  readonly #window: LogWindow;

  /** `firstId`: the id of the first message. @default the boot time in microseconds, plus one */
  constructor(firstId: number = Date.now() * 1000 + 1) {
    if (!Number.isSafeInteger(firstId) || firstId < 1) {
      throw new RangeError(`firstId must be a whole number of at least 1, got ${firstId}`);
    }
    this.#window = new LogWindow(firstId - 1);
  }

  append(input: PublishInput): MockMessage {
    const message: MockMessage = {
      id: String(this.#window.lastIssued + 1),
      type: input.type,
      data: input.data ?? null,
      ts: Date.now(),
    };
    if (input.topic !== undefined) message.topic = input.topic;
    if (input.raw !== undefined) message.raw = input.raw;
    this.#window.add(message);
    return message;
  }

  /** The one cursor check of every route (see `LogWindow.resume`). */
  resume(cursor: number | undefined): Resume {
    return this.#window.resume(cursor);
  }

  /** Messages with id > cursor, oldest first. */
  after(cursor: number): MockMessage[] {
    return this.#window.after(cursor);
  }

  last(count: number): MockMessage[] {
    return this.#window.last(count);
  }

  /** The newest id ever handed out: "from now" means after this. */
  get lastIssued(): number {
    return this.#window.lastIssued;
  }

  get size(): number {
    return this.#window.size;
  }

  get unread(): number {
    return this.#window.unread;
  }

  subscribe(listener: (message: MockMessage) => void): () => void {
    return this.#window.subscribe(listener);
  }

  /** Empties the log: every cursor older than the last issued id now resumes as a reset. */
  reset(): void {
    this.#window.clear(this.#window.lastIssued);
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
