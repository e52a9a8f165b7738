import type { Resume } from '../log';
import type { MockMessage, PublishInput } from '../types';

/**
 * The ordered message log every route reads, whichever node holds it. Reads are synchronous on
 * every implementation (a route answers a resume in one tick, so nothing slips between the replay
 * and the live subscription); only appending and resetting may wait, on a log shared by nodes.
 */
export interface OrderedLog {
  /** Appends and hands the message to every subscriber (on every node, for a shared log). */
  append(input: PublishInput): MockMessage | Promise<MockMessage>;
  resume(cursor: number | undefined): Resume;
  /** Messages with id > cursor, oldest first. */
  after(cursor: number): MockMessage[];
  last(count: number): MockMessage[];
  /** The newest id this node has handed out or seen: "from now" means after this. */
  readonly lastIssued: number;
  readonly size: number;
  readonly unread: number;
  subscribe(listener: (message: MockMessage) => void): () => void;
  /** Empties the log: every cursor older than the last issued id now resumes as a reset. */
  reset(): void | Promise<void>;
  /**
   * Shared logs only: settles once this node holds every message the shared log held when it was
   * called, so a cursor issued by another node is never taken for one this log never issued.
   * Absent on the in-memory log, whose requests never wait.
   */
  caughtUp?(): Promise<void>;
  /** Shared logs only: lets go of the connections. */
  close?(): Promise<void>;
}
