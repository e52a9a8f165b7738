import type { SocketPayload } from './webSocketEncode';

interface Entry {
  owner: object;
  data: SocketPayload;
}

/**
 * Messages sent while the socket is not open, in one FIFO per wire so they leave in the order they
 * were sent, whoever sent them. The bound is per owner (consumer): each channel on a shared socket
 * keeps its own `queue` limit, and one chatty consumer cannot evict another's messages.
 */
export class SendQueue {
  private entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /**
   * Appends a message. When `owner` already holds `limit` messages its oldest is dropped (the
   * newest is what a user typed last and most likely still wants) and returned.
   */
  push(owner: object, data: SocketPayload, limit: number): SocketPayload | undefined {
    let dropped: SocketPayload | undefined;
    if (this.countOf(owner) >= limit) {
      const index = this.entries.findIndex((entry) => entry.owner === owner);
      dropped = this.entries.splice(index, 1)[0]?.data;
    }
    this.entries.push({ owner, data });
    return dropped;
  }

  /** The oldest message, left in place until `shift()` confirms it was sent. */
  peek(): SocketPayload | undefined {
    return this.entries[0]?.data;
  }

  shift(): void {
    this.entries.shift();
  }

  /** Forgets an owner's messages (its channel closed before they could be sent). */
  removeOwner(owner: object): void {
    this.entries = this.entries.filter((entry) => entry.owner !== owner);
  }

  countOf(owner: object): number {
    let count = 0;
    for (const entry of this.entries) if (entry.owner === owner) count++;
    return count;
  }
}
