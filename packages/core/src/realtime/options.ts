import type { TidingsError } from '../errors';
import type { MessageId } from '../transports/common/messageId';
import type { HeadersInput } from '../transports/common/request';
import type { SSETransport } from '../transports/sse/options';
import type { ChannelOptions, ChannelState } from '../types';

/** The transports `createRealtime` can fall back across, best first by default. */
export type RealtimeTransport = 'webSocket' | 'sse' | 'longPoll' | 'polling';

/** The default order: push with sends, push without, held requests, then plain requests. */
export const DEFAULT_ORDER: readonly RealtimeTransport[] = [
  'webSocket',
  'sse',
  'longPoll',
  'polling',
];

/**
 * Where the same ordered log is offered, one URL per transport. Every endpoint must speak the
 * core README's resume protocol with the same ids (the mock server does): that is what lets the
 * cursor move from one transport to the next without losing or repeating a message.
 */
export interface RealtimeEndpoints {
  /** `ws:`/`wss:` URL (a path resolves against the page), resumed with `?cursor=`. @default none */
  webSocket?: string | URL;
  /** Event stream, resumed with `Last-Event-ID` (or `?lastEventId=`). @default none */
  sse?: string | URL;
  /** Long-poll endpoint answering `{ messages, cursor }`, held until news. @default none */
  longPoll?: string | URL;
  /**
   * Short polling: an endpoint of the long-poll answer format, asked with `timeout=0` every
   * `pollInterval` ms, so a network that cuts held requests still gets through.
   * @default the `longPoll` endpoint
   */
  polling?: string | URL;
}

/** Why the transport in use changed. */
export type SwitchReason =
  /** It failed before it ever opened (an upgrade refused, a blocked port), `fallback.refusals` times in a row. */
  | 'refused'
  /** It opened and then stayed silent while the server's position said there was more (a buffering proxy). */
  | 'buffered'
  /** It opened and was cut soon after, `fallback.cuts` times in a row (a proxy's request timeout). */
  | 'cut'
  /** It cannot run here at all (no `WebSocket` in this runtime, a malformed URL). */
  | 'unavailable'
  /** A probe found that a transport earlier in the order delivers again. */
  | 'upgraded';

/** One change of transport, as `state.switched` and `onSwitch` report it. */
export interface TransportSwitch {
  from: RealtimeTransport;
  to: RealtimeTransport;
  reason: SwitchReason;
  /** The failure that made it (none for `upgraded`). */
  error: TidingsError | null;
  /** `env.now()` when it happened. */
  at: number;
}

/** When to give up on a transport and when to try a better one again. */
export interface FallbackPolicy {
  /** Failures before opening, in a row, after which the next transport is tried. @default 1 */
  refusals?: number;
  /** Connections cut within `cutWindow` of opening, in a row, after which the next transport is tried. @default 3 */
  cuts?: number;
  /** A connection that lived this long before it dropped was not cut by the network. @default 30000 */
  cutWindow?: number;
  /**
   * How long an open connection may deliver nothing (not even the position every open states)
   * before the server's position is asked: if it is ahead of the cursor, the connection is being
   * buffered. Also how long a probe has to show it delivers. @default 5000
   */
  stallTimeout?: number;
  /** First wait before probing the transports earlier in the order. @default 30000 */
  probeDelay?: number;
  /** Longest wait between probes; each probe that finds nothing better doubles the wait. @default 600000 */
  probeMaxDelay?: number;
}

export interface RealtimeOptions<TMessage, TData = TMessage>
  extends ChannelOptions<TMessage, TData> {
  /** The order transports are tried in; only those with an endpoint are used. @default ['webSocket', 'sse', 'longPoll', 'polling'] */
  order?: RealtimeTransport[];
  /**
   * The delivery id of a message (decoded JSON, or text), the same on every transport: it drops a
   * message seen twice and is the cursor. SSE uses the event's `id:`.
   * @default the message's string `id` field
   */
  messageId?: MessageId;
  /** SSE event types delivered (list every type the log carries). @default ['message'] */
  events?: string[];
  /** Which SSE client opens the stream. @default 'auto' */
  sseTransport?: SSETransport;
  /** Headers for the HTTP transports (SSE, long poll, polling, the position and send requests). @default {} */
  headers?: HeadersInput;
  /** Hold time asked of the long-poll endpoint (`timeout=`). @default the server's */
  longPollTimeout?: number;
  /** Milliseconds between short polls. @default 5000 */
  pollInterval?: number;
  /**
   * Answers the server's current position at once (GET, `{ cursor }` in the long-poll answer
   * format): how a silent stream is told from a quiet feed. Without one, a stream that opens and
   * states no position within `fallback.stallTimeout` counts as buffered.
   * @default the `longPoll` endpoint, else the `polling` one
   */
  positionUrl?: string | URL;
  /**
   * Where `send()` POSTs a message (as JSON) while the transport in use cannot send (all but
   * WebSocket). Without it, `send()` is refused then.
   * @default none
   */
  sendUrl?: string | URL;
  /** When to fall back and when to probe upward. @default see {@link FallbackPolicy} */
  fallback?: FallbackPolicy;
  /** Called on every change of transport. @default undefined */
  onSwitch?: (change: TransportSwitch) => void;
}

/** A channel's state plus the transport in use and the last change of it. */
export interface RealtimeState<TData> extends ChannelState<TData> {
  /** The transport in use (connecting or open), undefined before the first attempt. */
  transport: RealtimeTransport | undefined;
  /** The last change of transport, null before any. */
  switched: TransportSwitch | null;
}

export interface ResolvedPolicy {
  refusals: number;
  cuts: number;
  cutWindow: number;
  stallTimeout: number;
  probeDelay: number;
  probeMaxDelay: number;
}

export function resolvePolicy(policy: FallbackPolicy = {}): ResolvedPolicy {
  return {
    refusals: policy.refusals ?? 1,
    cuts: policy.cuts ?? 3,
    cutWindow: policy.cutWindow ?? 30_000,
    stallTimeout: policy.stallTimeout ?? 5000,
    probeDelay: policy.probeDelay ?? 30_000,
    probeMaxDelay: policy.probeMaxDelay ?? 600_000,
  };
}

/** The mock server's (and most logs') messages carry their id as a string `id` field. */
export function defaultMessageId(message: unknown): string | undefined {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
