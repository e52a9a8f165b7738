import { createClient } from 'redis';
import { HttpError } from '../errors';
import type { MockMessage, PublishInput } from '../types';
import { CATCH_UP_MS, CompanionIndex } from './companionIndex';
import type { OrderedLog } from './orderedLog';
import { CAPACITY, LogWindow, type Resume } from './window';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A second stream written by the same atomic script as each message, in log order (the Socket.IO
 * adapter's stream, so its broadcasts and session recovery follow the log). Each field value is
 * given as parts joined by the message id, which Redis assigns inside the script.
 */
export interface CompanionStream {
  key: string;
  maxLen: number;
  fields(message: Omit<MockMessage, 'id'>): Array<[name: string, parts: string[]]>;
}

export interface RedisLogOptions {
  /** `redis://host:port` of the server that holds the log. */
  url: string;
  /** Prefix of every key, so several logs can share one Redis. @default 'tidings' */
  prefix?: string;
  /** Where the counter starts when this node is the first to use the log. @default boot time in µs */
  boot?: number;
  companion?: CompanionStream;
}

// The id counter, the log's epoch (the counter's start) and each message are written by one
// script, so ids are issued in stream order whichever node appends, and a stream entry's id is
// `<message id>-0`: the message id IS the entry id, the same on every node.
const APPEND = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SET', KEYS[2], ARGV[1])
  redis.call('SET', KEYS[3], ARGV[1])
end
local id = string.format('%.0f', redis.call('INCR', KEYS[2]))
local n = tonumber(ARGV[4])
local fields = {}
for i = 5, 4 + n do fields[#fields + 1] = ARGV[i] end
if KEYS[4] then
  local extra = {}
  local i = 5 + n
  while i <= #ARGV do
    local k = tonumber(ARGV[i + 1])
    local parts = {}
    for j = 1, k do parts[j] = ARGV[i + 1 + j] end
    extra[#extra + 1] = ARGV[i]
    extra[#extra + 1] = table.concat(parts, id)
    i = i + 2 + k
  end
  fields[#fields + 1] = 'companion'
  fields[#fields + 1] = redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[3], '*', unpack(extra))
end
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], id .. '-0', unpack(fields))
return id
`;

// Run once per node: the first node of a log fixes its epoch; later ones read it.
const EPOCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('SET', KEYS[2], ARGV[1])
end
return redis.call('GET', KEYS[2])
`;

/** The reader's connection name (`CLIENT LIST`): the one connection that blocks in XREAD. */
export const READER_NAME = 'tidings-mock:log-reader';

type Entry = [id: string, fields: string[]];

const entryNumber = (entryId: string) => Number(entryId.slice(0, entryId.indexOf('-')));

function fieldsOf(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i] as string] = flat[i + 1] as string;
  return record;
}

/**
 * The ordered log kept in a Redis stream, so that several mock-server processes serve one log.
 * Every node keeps a mirror of the newest 1,000 entries, fed only by its stream reader (XREAD
 * BLOCK): a message reaches a node's clients when that node reads it from Redis, whichever node
 * appended it, and every read (resume, replay, short poll) is answered from the mirror at once, as
 * the in-memory log does.
 */
export class RedisMessageLog implements OrderedLog {
  /** The node's mirror of the newest entries; replaced at load, once the epoch is known. */
  #window = new LogWindow(0);
  #waiters: Array<{ id: number; resolve: () => void }> = [];
  /** Socket.IO's companion stream entries of the messages the mirror holds (`socketIoCluster`). */
  readonly companions = new CompanionIndex();
  #readFrom = '0-0';
  #closed = false;
  #readerFailing = false;
  readonly #keys: { stream: string; counter: string; epoch: string };

  private constructor(
    /** The connection appends and the Socket.IO adapter use. */
    readonly client: RedisClient,
    private readonly reader: RedisClient,
    private readonly options: RedisLogOptions,
  ) {
    const prefix = options.prefix ?? 'tidings';
    this.#keys = { stream: `${prefix}:log`, counter: `${prefix}:id`, epoch: `${prefix}:epoch` };
  }

  /** Connects, loads the newest entries and starts reading the stream. */
  static async connect(options: RedisLogOptions): Promise<RedisMessageLog> {
    let started = false;
    const client = createClient({
      url: options.url,
      name: 'tidings-mock',
      socket: {
        // Unreachable at start: a startup error. Lost later: reconnect, at most a second apart.
        reconnectStrategy: (retries: number, cause: Error) =>
          started ? Math.min(50 * 2 ** retries, 1000) : cause,
      },
    });
    // node-redis reconnects on its own; without a listener an 'error' would crash the process.
    client.on('error', () => {});
    await client.connect();
    started = true;
    const reader = client.duplicate({ name: READER_NAME });
    reader.on('error', () => {});
    try {
      await reader.connect();
      const log = new RedisMessageLog(client, reader, options);
      await log.#load();
      void log.#read();
      return log;
    } catch (error) {
      client.destroy();
      reader.destroy();
      throw error;
    }
  }

  async #load() {
    const { stream, counter, epoch } = this.#keys;
    const boot = String(this.options.boot ?? Date.now() * 1000);
    // The counter's start: no id at or below it was issued by this log.
    this.#window = new LogWindow(
      Number(await this.client.sendCommand(['EVAL', EPOCH, '2', counter, epoch, boot])),
    );
    // One more than the mirror holds: if it is there, it is the floor (the newest id not held).
    const newest = (await this.client.sendCommand([
      'XREVRANGE',
      stream,
      '+',
      '-',
      'COUNT',
      String(CAPACITY + 1),
    ])) as unknown as Entry[];
    const entries = newest.reverse();
    if (entries.length > CAPACITY) {
      this.#window.clear(entryNumber((entries.shift() as Entry)[0]));
    }
    for (const entry of entries) this.#ingest(entry);
  }

  async #read() {
    while (!this.#closed) {
      let reply: unknown;
      try {
        reply = await this.reader.sendCommand([
          'XREAD',
          'COUNT',
          '1000',
          'BLOCK',
          '5000',
          'STREAMS',
          this.#keys.stream,
          this.#readFrom,
        ]);
        this.#readerFailing = false;
      } catch (error) {
        if (this.#closed) return;
        if (!this.#readerFailing) {
          console.error('tidings-mock: reading the Redis log failed; retrying', error);
          this.#readerFailing = true;
        }
        // A retry pace while Redis is down, not a wait for a condition.
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      const streams = reply as Array<[string, Entry[]]> | null;
      for (const entry of streams?.[0]?.[1] ?? []) {
        try {
          this.#ingest(entry);
        } catch (error) {
          // Only the append script writes the stream; an entry someone else wrote is skipped.
          this.#readFrom = entry[0];
          console.error(
            `tidings-mock: skipped log entry ${entry[0]}, not one the log wrote`,
            error,
          );
        }
      }
    }
  }

  #ingest([entryId, flat]: Entry) {
    this.#readFrom = entryId;
    const id = entryNumber(entryId);
    if (id <= this.#window.lastIssued) return;
    const fields = fieldsOf(flat);
    // Parsed before anything changes, so an entry that does not parse leaves the mirror as it was.
    const data: unknown = fields.reset === undefined ? JSON.parse(fields.data ?? 'null') : null;
    if (fields.reset !== undefined) {
      this.companions.clear();
      this.#window.clear(id);
    } else {
      const message: MockMessage = {
        id: String(id),
        type: fields.type ?? '',
        data,
        ts: Number(fields.ts),
      };
      if (fields.topic !== undefined) message.topic = fields.topic;
      if (fields.raw !== undefined) message.raw = fields.raw;
      // Noted before the window hands the message to subscribers, which may look it up.
      if (fields.companion !== undefined) this.companions.note(message.id, fields.companion);
      const evicted = this.#window.add(message);
      if (evicted) this.companions.forget(evicted.id);
    }
    if (this.#waiters.length > 0) {
      const ready = this.#waiters.filter((waiter) => waiter.id <= id);
      this.#waiters = this.#waiters.filter((waiter) => waiter.id > id);
      for (const waiter of ready) waiter.resolve();
    }
  }

  async #append(
    fields: Record<string, string>,
    companion?: Array<[name: string, parts: string[]]>,
  ): Promise<string> {
    const { stream, counter, epoch } = this.#keys;
    const keys = [stream, counter, epoch];
    const flat = Object.entries(fields).flat();
    const args = [
      String(this.options.boot ?? Date.now() * 1000),
      String(CAPACITY),
      String(this.options.companion?.maxLen ?? 0),
      String(flat.length),
      ...flat,
    ];
    if (companion && this.options.companion) {
      keys.push(this.options.companion.key);
      for (const [name, parts] of companion) args.push(name, String(parts.length), ...parts);
    }
    return String(
      await this.client.sendCommand(['EVAL', APPEND, String(keys.length), ...keys, ...args]),
    );
  }

  async append(input: PublishInput): Promise<MockMessage> {
    const unnumbered: Omit<MockMessage, 'id'> = {
      type: input.type,
      data: input.data ?? null,
      ts: Date.now(),
    };
    if (input.topic !== undefined) unnumbered.topic = input.topic;
    if (input.raw !== undefined) unnumbered.raw = input.raw;
    const fields: Record<string, string> = {
      type: unnumbered.type,
      data: JSON.stringify(unnumbered.data),
      ts: String(unnumbered.ts),
    };
    if (unnumbered.topic !== undefined) fields.topic = unnumbered.topic;
    if (unnumbered.raw !== undefined) fields.raw = unnumbered.raw;
    const id = await this.#append(fields, this.options.companion?.fields(unnumbered));
    return { id, ...unnumbered };
  }

  /** A reset is an entry of the log too, so every node empties its mirror at the same place. */
  async reset(): Promise<void> {
    await this.#append({ reset: '1' });
  }

  async caughtUp(): Promise<void> {
    const head = (await this.client.sendCommand([
      'XREVRANGE',
      this.#keys.stream,
      '+',
      '-',
      'COUNT',
      '1',
    ])) as unknown as Entry[];
    const newest = head[0];
    if (!newest) return;
    const id = entryNumber(newest[0]);
    if (id <= this.#window.lastIssued) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        id,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((other) => other !== waiter);
        reject(new HttpError(503, 'this node could not read the shared log in time'));
      }, CATCH_UP_MS);
      this.#waiters.push(waiter);
    });
  }

  resume(cursor: number | undefined): Resume {
    return this.#window.resume(cursor);
  }

  after(cursor: number): MockMessage[] {
    return this.#window.after(cursor);
  }

  last(count: number): MockMessage[] {
    return this.#window.last(count);
  }

  get lastIssued(): number {
    return this.#window.lastIssued;
  }

  get size(): number {
    return this.#window.size;
  }

  /** Notifications since the last reset among the entries this node has read or loaded. */
  get unread(): number {
    return this.#window.unread;
  }

  subscribe(listener: (message: MockMessage) => void): () => void {
    return this.#window.subscribe(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.companions.close();
    this.reader.destroy();
    await this.client.close();
  }
}
