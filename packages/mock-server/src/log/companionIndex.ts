/** How long a request waits for this node to read what the shared log already holds. */
export const CATCH_UP_MS = 5_000;

/** Orders two stream entry ids (`<ms>-<seq>`): negative when `a` comes first. */
export function compareEntryIds(a: string, b: string): number {
  const [aTime = 0, aSeq = 0] = a.split('-').map(Number);
  const [bTime = 0, bSeq = 0] = b.split('-').map(Number);
  return aTime - bTime || aSeq - bSeq;
}

/**
 * Which Socket.IO companion stream entry was written with which log message, for the messages a
 * node's mirror holds, and how far this node's reader has got in that stream. Socket.IO's Redis
 * Streams adapter speaks in companion entry ids (session offsets); the log speaks in message ids:
 * this is where the two meet (see `socketIoCluster.ts`).
 */
export class CompanionIndex {
  /** Message id → its companion stream entry id, and back. */
  #companionOf = new Map<string, string>();
  #messageOf = new Map<string, string>();
  /** The companion entry id of the newest message read. */
  #last = '0-0';
  #waiters: Array<{ companionId: string; resolve: () => void }> = [];

  /** A message this node read, written with companion entry `companionId`. */
  note(messageId: string, companionId: string): void {
    this.#companionOf.set(messageId, companionId);
    this.#messageOf.set(companionId, messageId);
    this.#last = companionId;
    if (this.#waiters.length === 0) return;
    const read = (waiter: { companionId: string }) =>
      compareEntryIds(waiter.companionId, companionId) <= 0;
    const ready = this.#waiters.filter(read);
    this.#waiters = this.#waiters.filter((waiter) => !read(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  /** A message the mirror no longer holds. */
  forget(messageId: string): void {
    const companion = this.#companionOf.get(messageId);
    this.#companionOf.delete(messageId);
    if (companion !== undefined) this.#messageOf.delete(companion);
  }

  /** The log was reset: no message it held is looked up again. */
  clear(): void {
    this.#companionOf.clear();
    this.#messageOf.clear();
  }

  /** The companion stream entry written with this message (while the mirror holds it). */
  companionIdOf(messageId: string): string | undefined {
    return this.#companionOf.get(messageId);
  }

  /** The message written with this companion stream entry (while the mirror holds it). */
  messageIdOf(companionId: string): string | undefined {
    return this.#messageOf.get(companionId);
  }

  /**
   * Settles once this node has read the message written with companion entry `companionId` (or
   * a later one), or after `timeoutMs`: true when it has.
   */
  read(companionId: string, timeoutMs = CATCH_UP_MS): Promise<boolean> {
    if (compareEntryIds(companionId, this.#last) <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        companionId,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((other) => other !== waiter);
        resolve(false);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** The log is closing: nobody waits any longer. */
  close(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }
}
