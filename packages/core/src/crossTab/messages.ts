import { TidingsError, type TidingsErrorKind } from '../errors';
import type { FrameMeta, Status } from '../types';
import type { Frame } from '../wire';

/**
 * What tabs say to each other on a cross-tab wire's BroadcastChannel. Every message names the
 * tab that sent it (`from`), so a tab can tell the leader's words from another follower's.
 */
export type CrossTabMessage =
  /**
   * A follower started listening from `cursor`: the leader sends it the frames after that cursor
   * it still remembers (or a `gap` when it does not), then its `state`.
   */
  | { type: 'hello'; from: string; cursor: string | undefined }
  /** The frames after a follower's cursor are no longer remembered: it may have missed some. */
  | { type: 'gap'; from: string; to: string; cursor: string | undefined }
  /** The sender just took the lock and connects from its own cursor. */
  | { type: 'leader'; from: string }
  /** The leader is alive (sent every `beatMs`, so a frozen leader can be told apart). */
  | { type: 'beat'; from: string }
  /** A frame for every follower, or (`to`) one replayed for a single follower catching up. */
  | { type: 'frame'; from: string; frame: RelayedFrame; to?: string }
  | {
      type: 'state';
      from: string;
      status: Status;
      attempt: number;
      cursor: string | undefined;
      /** Present only when the error changed, so a follower reports each error once. */
      error?: RelayedError | null;
    }
  /**
   * The leader's wire state beyond status and cursor (see `shareStateAcrossTabs`), on each change,
   * or (`to`) for a single follower that just joined.
   */
  | { type: 'shared'; from: string; value: unknown; to?: string }
  /** The leader's wire opened (or a poll answered): clears each consumer's last error. */
  | { type: 'opened'; from: string }
  /** A non-fatal problem the leader's wire noticed (a malformed frame). */
  | { type: 'report'; from: string; error: RelayedError }
  /** A follower's `send`/`emit`/`publish`, run by the leader on its connection. */
  | { type: 'call'; from: string; id: number; verb: string; args: unknown[] }
  /** The fate of a follower's call: its receipt settled on the leader. */
  | {
      type: 'receipt';
      from: string;
      to: string;
      id: number;
      value?: unknown;
      error?: RelayedError;
    };

/** A frame as it crosses tabs: functions (a Socket.IO ack) and the decoded JSON stay behind. */
export interface RelayedFrame {
  raw: unknown;
  meta: FrameMeta;
  id: string | undefined;
  cursor: string | undefined;
}

export interface RelayedError {
  kind: TidingsErrorKind;
  message: string;
  status: number | undefined;
  retryable: boolean;
  retryAfterMs: number | undefined;
  messages: readonly unknown[] | undefined;
}

export function relayFrame(frame: Frame): RelayedFrame {
  const { ack: _ack, ...meta } = frame.meta;
  return { raw: frame.raw, meta, id: frame.id, cursor: frame.cursor };
}

export function receiveFrame(relayed: RelayedFrame): Frame {
  return { raw: relayed.raw, meta: relayed.meta, id: relayed.id, cursor: relayed.cursor };
}

export function relayError(error: TidingsError): RelayedError {
  return {
    kind: error.kind,
    message: error.message,
    status: error.status,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    messages: cloneable(error.messages) ? error.messages : undefined,
  };
}

/**
 * Whether structured clone takes `value` (what BroadcastChannel posts). An `unsent` error's
 * messages are what the app passed, and may hold a function: they stay in the tab that sent
 * them rather than stop the state change carrying the error from reaching the other tabs.
 */
function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** The leader's error as this tab's own; its `cause` stays in the leading tab. */
export function receiveError(relayed: RelayedError): TidingsError {
  return new TidingsError(relayed.kind, relayed.message, {
    status: relayed.status,
    retryable: relayed.retryable,
    retryAfterMs: relayed.retryAfterMs,
    messages: relayed.messages,
  });
}

/** Anything else on the channel (another version of tidings, another app) is ignored. */
export function isCrossTabMessage(value: unknown): value is CrossTabMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { from?: unknown }).from === 'string'
  );
}
