import type { LockManagerLike } from '../env';

export interface ElectionEvents {
  /** This tab now holds the lock: it leads until `leave()` or until another tab steals it. */
  lead(): void;
  /** Another tab stole the lock (this one looked frozen): this tab no longer leads. */
  deposed(): void;
}

/**
 * Leader election over one Web Lock. The browser grants the lock to one tab at a time, in the
 * order asked, and releases it by itself when that tab closes or crashes, so the next tab in line
 * leads at once. A tab that is alive but stuck (frozen) keeps its lock: `steal()` takes it.
 */
export class Election {
  private state: 'idle' | 'waiting' | 'leading' = 'idle';
  /** Bumped by every request and `leave()`: answers to an older request are ignored. */
  private generation = 0;
  private abort: AbortController | undefined;
  private release: (() => void) | undefined;

  constructor(
    private readonly locks: LockManagerLike,
    private readonly name: string,
    private readonly events: ElectionEvents,
  ) {}

  get leading(): boolean {
    return this.state === 'leading';
  }

  get waiting(): boolean {
    return this.state === 'waiting';
  }

  /** Gets in line for the lock (nothing if already in line or leading). */
  join(): void {
    if (this.state === 'idle') this.request(false);
  }

  /** Takes the lock from a holder that stopped answering; the holder is told by its lock's loss. */
  steal(): void {
    if (this.state !== 'waiting') return;
    this.abort?.abort();
    this.request(true);
  }

  /** Leaves the line, or gives the lock up so the next tab in line leads. */
  leave(): void {
    this.generation++;
    this.state = 'idle';
    this.abort?.abort();
    this.abort = undefined;
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  private request(steal: boolean): void {
    const generation = ++this.generation;
    this.state = 'waiting';
    // The API refuses `signal` together with `steal`; a steal is granted at once anyway.
    const abort = steal ? undefined : new AbortController();
    this.abort = abort;
    const options = steal ? { steal: true } : { signal: abort?.signal };
    this.locks
      .request(this.name, options, () => {
        if (generation !== this.generation) return undefined;
        this.state = 'leading';
        this.abort = undefined;
        // Held until `leave()` resolves it (or the tab goes away).
        const held = new Promise<void>((resolve) => {
          this.release = resolve;
        });
        this.events.lead();
        return held;
      })
      .then(undefined, () => {
        // An AbortError: our wait was aborted (leave, steal), or our held lock was stolen.
        if (generation !== this.generation) return;
        const wasLeading = this.state === 'leading';
        this.release = undefined;
        this.state = 'idle';
        if (wasLeading) {
          this.events.deposed();
          // Back in line, so this tab can lead again once the thief leaves.
          if (this.state === 'idle') this.request(false);
        }
      });
  }
}
