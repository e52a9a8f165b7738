import type { TidingsEnv } from '../env';
import { isAtOrBefore } from '../messageOrder';
import type { SocketPayload } from '../transports/common/encode';
import {
  type OutboxOwner,
  pendingReceipt,
  refusedReceipt,
  type SendReceipt,
  unsentError,
} from '../transports/common/outbox';
import { asError, type HeadersInput, request, resolveHeaders } from '../transports/common/request';
import { notConnectedReceipt } from '../transports/common/send';
import { fetchAnswer } from '../transports/longPoll/answer';
import { Wire, type WireOptions } from '../wire';
import { FallbackDriver, type FallbackHooks, type RealtimeAttempt } from './driver';
import type { RealtimeTransport, ResolvedPolicy, TransportSwitch } from './options';
import type { Tier } from './tiers';

/** Which transport a realtime wire uses, and the last change of it. */
export interface TransportState {
  transport: RealtimeTransport | undefined;
  switched: TransportSwitch | null;
}

export interface RealtimeWireConfig {
  tiers: Tier[];
  policy: ResolvedPolicy;
  /** Answers the server's position at once; none: a silent open counts as buffered. */
  positionUrl: string | undefined;
  /** Where sends go while the transport in use cannot send. */
  sendUrl: string | undefined;
  headers: HeadersInput | undefined;
}

/**
 * The wire of `createRealtime`: a plain `Wire` (cursor, `orderedIds` dedupe, backoff, sharing,
 * page lifecycle) over the fallback driver, plus the transport state every consumer shows and
 * the send path of the transport in use.
 */
export class RealtimeWire extends Wire<RealtimeAttempt> {
  private transportState: TransportState = { transport: undefined, switched: null };
  private readonly transportListeners = new Set<(state: TransportState) => void>();
  private readonly config: RealtimeWireConfig;
  private readonly fallback: FallbackDriver;

  constructor(config: RealtimeWireConfig, env: TidingsEnv, wireOptions: WireOptions) {
    // The driver reads the wire's cursor and reports its switches to the wire, made just below.
    const bound: { wire?: RealtimeWire } = {};
    const hooks: FallbackHooks = {
      cursor: () => bound.wire?.getState().cursor,
      using: (transport, change) => bound.wire?.use(transport, change),
      serverIsAhead: (cursor) => serverIsAhead(config, env, cursor),
    };
    const fallback = new FallbackDriver(config.tiers, config.policy, hooks);
    super(fallback, env, wireOptions);
    bound.wire = this;
    this.config = config;
    this.fallback = fallback;
  }

  get transport(): TransportState {
    return this.transportState;
  }

  /** Calls `listener` now and on every change of transport; returns its undo. */
  watchTransport(listener: (state: TransportState) => void): () => void {
    this.transportListeners.add(listener);
    listener(this.transportState);
    return () => this.transportListeners.delete(listener);
  }

  /**
   * Cross-tab sharing: a following tab shows the leading tab's transport as its own, and would go
   * on with it if it took over. The same state posted again (to a tab that joined) changes nothing.
   */
  mirrorTransport(state: TransportState): void {
    const current = this.transportState;
    if (current.transport === state.transport && sameSwitch(current.switched, state.switched)) {
      return;
    }
    this.transportState = state;
    if (state.transport) this.fallback.resumeOn(state.transport);
    for (const listener of [...this.transportListeners]) listener(this.transportState);
  }

  /**
   * Writes to the open WebSocket when that is the transport in use, else POSTs to `sendUrl`;
   * refused when neither can take it.
   */
  send(owner: OutboxOwner, message: unknown, data: SocketPayload): SendReceipt {
    if (!this.isRunning) return notConnectedReceipt(message, 'realtime');
    // A following tab's attempt is a cross-tab relay, with nothing to write to.
    const written = this.attempt?.write?.(owner, message, data);
    if (written) return written;
    const { sendUrl, headers } = this.config;
    if (sendUrl === undefined) {
      const using = this.transportState.transport ?? 'no transport';
      return refusedReceipt(
        unsentError([message], `${using} cannot send now and no sendUrl is given`),
      );
    }
    const pending = pendingReceipt<void>('sent');
    // Headers may come from an async getter (a refreshed token), called for every send.
    resolveHeaders(headers)
      .then((resolved) =>
        request(this.env, sendUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...resolved },
          body: data as BodyInit,
        }),
      )
      .then(
        (response) => {
          response.body?.cancel().catch(() => undefined);
          pending.resolve();
        },
        (cause: unknown) => {
          const error = unsentError([message], `POST ${sendUrl} failed`, asError(cause));
          owner.report(error);
          pending.reject(error);
        },
      );
    return pending.receipt;
  }

  private use(transport: RealtimeTransport, change: TransportSwitch | null): void {
    const previous = this.transportState;
    if (previous.transport === transport && change === null) return;
    this.transportState = { transport, switched: change ?? previous.switched };
    for (const listener of [...this.transportListeners]) listener(this.transportState);
  }
}

function sameSwitch(a: TransportSwitch | null, b: TransportSwitch | null): boolean {
  if (a === null || b === null) return a === b;
  return a.at === b.at && a.from === b.from && a.to === b.to && a.reason === b.reason;
}

/** Asks the position endpoint whether the server holds messages after `cursor`. */
async function serverIsAhead(
  config: RealtimeWireConfig,
  env: TidingsEnv,
  cursor: string | undefined,
): Promise<boolean | undefined> {
  // Every open states a position (resume protocol): with no one to ask, silence is buffering.
  if (config.positionUrl === undefined) return true;
  try {
    const answer = await fetchAnswer(config.positionUrl, {
      cursor: undefined,
      timeout: undefined,
      headers: config.headers,
      env,
      signal: new AbortController().signal,
    });
    if (!answer.ok || answer.cursor === undefined) return undefined;
    if (cursor === undefined) return true;
    return answer.cursor !== cursor && !isAtOrBefore(answer.cursor, cursor);
  } catch {
    return undefined;
  }
}
