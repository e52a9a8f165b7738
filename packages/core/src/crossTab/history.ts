import type { RelayedFrame } from './messages';

/**
 * Recent frames every tab keeps, so that as leader it can replay them to a follower that fell
 * behind (a tab that was stuck or frozen while another took over). As many as the wire's dedupe
 * window remembers ids.
 */
const MAX_HISTORY = 1000;

/** The newest frames this tab saw, led or relayed, for a follower that fell behind. */
export class FrameHistory {
  #frames: RelayedFrame[] = [];

  remember(frame: RelayedFrame): void {
    this.#frames.push(frame);
    if (this.#frames.length > MAX_HISTORY) this.#frames.shift();
  }

  clear(): void {
    this.#frames = [];
  }

  /**
   * The remembered frames after `cursor`; undefined when it is older than what is remembered.
   * Frames without delivery ids cannot be matched: a stream without them (a position cursor only)
   * is handed over as is, with no replay and no gap reported.
   */
  after(cursor: string): RelayedFrame[] | undefined {
    let withIds = false;
    for (let i = this.#frames.length - 1; i >= 0; i--) {
      const frame = this.#frames[i] as RelayedFrame;
      const at = frame.cursor ?? frame.id;
      if (at === cursor) return this.#frames.slice(i + 1);
      if (at !== undefined) withIds = true;
    }
    return withIds ? undefined : [];
  }
}
