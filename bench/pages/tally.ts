import { seqOf } from './harness';

/** What every competitor keeps from the stream: how many messages, and the seq of the last. */
export interface Tally {
  count: number;
  last: number;
}

export const emptyTally: Tally = { count: 0, last: -1 };

/** Counts one more message. */
export const addMessage = (tally: Tally = emptyTally, message: unknown): Tally => ({
  count: tally.count + 1,
  last: seqOf(message),
});
