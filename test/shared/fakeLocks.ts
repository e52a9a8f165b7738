import type { LockManagerLike } from '@tidings/core';

interface LockRequest {
  tab: string;
  callback: (lock: unknown) => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const abortError = () => new DOMException('The lock request was aborted', 'AbortError');

/**
 * An in-memory Web Locks manager shared by the fake tabs of one test "browser": exclusive locks
 * granted in the order asked, `steal`, `signal`, and a tab's locks given back when it closes, as
 * the browser does for a closed or crashed tab.
 */
export class FakeLocks {
  private readonly holders = new Map<string, LockRequest>();
  private readonly queues = new Map<string, LockRequest[]>();

  /** The `navigator.locks` of one tab. */
  forTab(tab: string): LockManagerLike {
    return { request: (name, options, callback) => this.request(tab, name, options, callback) };
  }

  /** Which tab holds `name`, if any. */
  holder(name: string): string | undefined {
    return this.holders.get(name)?.tab;
  }

  /** Names of the locks held now (a test finds the one its channel uses). */
  held(): string[] {
    return [...this.holders.keys()];
  }

  /** The tab is gone: its locks are free and its waiting requests dropped, without a word to it. */
  closeTab(tab: string): void {
    for (const [name, holder] of [...this.holders]) {
      if (holder.tab === tab) {
        this.holders.delete(name);
        this.grantNext(name);
      }
    }
    for (const [name, queue] of this.queues) {
      this.queues.set(
        name,
        queue.filter((request) => request.tab !== tab),
      );
      this.grantNext(name);
    }
  }

  private request(
    tab: string,
    name: string,
    options: { steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: LockRequest = { tab, callback, resolve, reject };
      if (options.signal?.aborted) {
        reject(abortError());
        return;
      }
      if (options.steal) {
        const robbed = this.holders.get(name);
        this.holders.delete(name);
        robbed?.reject(abortError());
        this.grant(name, request);
        return;
      }
      const queue = this.queues.get(name) ?? [];
      queue.push(request);
      this.queues.set(name, queue);
      options.signal?.addEventListener('abort', () => {
        const waiting = this.queues.get(name) ?? [];
        const index = waiting.indexOf(request);
        if (index === -1) return;
        waiting.splice(index, 1);
        reject(abortError());
      });
      this.grantNext(name);
    });
  }

  private grantNext(name: string): void {
    if (this.holders.has(name)) return;
    const next = this.queues.get(name)?.shift();
    if (next) this.grant(name, next);
  }

  private grant(name: string, request: LockRequest): void {
    this.holders.set(name, request);
    Promise.resolve()
      .then(() => request.callback({ name }))
      .then(
        (value) => this.release(name, request, () => request.resolve(value)),
        (error) => this.release(name, request, () => request.reject(error)),
      );
  }

  private release(name: string, request: LockRequest, settle: () => void): void {
    // A stolen or closed tab's lock was already taken from it.
    if (this.holders.get(name) !== request) return;
    this.holders.delete(name);
    settle();
    this.grantNext(name);
  }
}
