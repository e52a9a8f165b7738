import type { MockMessage, PublishInput } from './types';

type Listener = (message: MockMessage) => void;

/** Big enough for any resume in a demo or a test, small enough that a long demo run stays flat. */
const CAPACITY = 1000;

/** The one ordered message log every transport reads from. */
export class MessageLog {
  #messages: MockMessage[] = [];
  // Survives reset so that a client holding a cursor never sees an id twice.
  #lastId = 0;
  #unread = 0;
  #listeners = new Set<Listener>();

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
    if (this.#messages.length > CAPACITY) this.#messages.shift();
    if (message.type === 'notification') this.#unread++;
    for (const listener of this.#listeners) listener(message);
    return message;
  }

  /** Messages with id > cursor, oldest first. */
  after(cursor: number): MockMessage[] {
    return this.#messages.filter((message) => Number(message.id) > cursor);
  }

  last(count: number): MockMessage[] {
    return this.#messages.slice(-count);
  }

  /** The id of the newest message in the log, "0" when the log is empty. */
  latestId(): string {
    return this.#messages.at(-1)?.id ?? '0';
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

  reset(): void {
    this.#messages = [];
    this.#unread = 0;
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
