import { callApp } from './callApp';
import { setChannelInternals } from './channelInternals';
import { isCrossTabSharing } from './crossTab/options';
import { isBrowserLike, resolveEnv, type TidingsEnv } from './env';
import { configError, messageOf, TidingsError, toTidingsError } from './errors';
import { getDefaultHub } from './hub';
import { createNotifier } from './notifier';
import { parseFrame } from './parse';
import type { StandardSchemaV1 } from './standardSchema';
import type {
  Channel,
  ChannelOptions,
  ChannelState,
  ConsumerOptions,
  Parse,
  Status,
} from './types';
import type { Frame, Wire, WireListener, WireState } from './wire';

/** How a transport plugs into the generic consumer. */
export interface ChannelSpec<W extends Wire> {
  /** Identity of the wire for sharing; includes every wire-affecting option. */
  key: string;
  createWire(env: TidingsEnv): W;
  /** Per-consumer filter (MQTT topics). @default every frame */
  accepts?(frame: Frame): boolean;
  /** Per-consumer setup on a shared wire (MQTT topic refs); returns its undo. */
  attach?(wire: W): () => void;
  /** Checked before connecting: a bad option becomes a `config` error, not a throw. */
  validate?(): TidingsError | undefined;
  /**
   * Builds the delivered message from a frame with this consumer's `parse` and `schema` (MQTT and
   * Socket.IO wrap the parsed, validated payload in an envelope). Throws a `parse` TidingsError on
   * a bad frame.
   * @default parseFrame
   */
  toMessage?(frame: Frame, parse: Parse<unknown>, schema: StandardSchemaV1 | undefined): unknown;
  /** Connect only on an explicit `connect()`, never on a first listener (request-scoped streams). */
  manual?: boolean;
  /**
   * What a consumer adds to the wire across tabs (MQTT topics): a leading tab connects with its
   * own consumers' options only, so consumers that differ in it never share a cross-tab wire.
   * @default nothing
   */
  crossTabScope?: string;
}

/**
 * Where a channel is in its life: exactly one phase at a time, moved only by `attach` and
 * `detach` inside {@link createChannel} (and `connect()` marking an attached phase `held`).
 *
 * ```text
 *          first listener in a page,                close(),
 *          connect(), reconnect()                   the wire closed for good
 *   idle ──────────────────────────▶ attached ──────────────────────────────▶ closed
 *    ▲                                │   ▲                                      │
 *    └── last listener left, unheld ──┘   └──────── connect(), reconnect() ──────┘
 * ```
 */
type Phase<W extends Wire> =
  /** No wire. The first listener in a page attaches one (unless the spec is `manual`). */
  | { name: 'idle' }
  /**
   * On a (possibly shared) wire. `held`: `connect()` (or a listener-less `reconnect()`) asked for
   * it, so the last listener leaving does not let go; otherwise it returns to `idle`.
   */
  | { name: 'attached'; wire: W; release: () => void; held: boolean }
  /**
   * No wire, and listeners do not reopen it: `close()` was called, or the wire closed for good (a
   * non-retried error, retries spent). `held` remembers a `connect()` the failure interrupted, so
   * a `reconnect()` keeps holding; `close()` drops it.
   */
  | { name: 'closed'; held: boolean };

/**
 * The consumer half of every factory: parse, reduce, state and batched notification over a
 * (possibly shared) wire. Connects when explicitly asked, or on the first listener in a page.
 *
 * @example
 * // Inside a transport factory: a spec (wire key and wire) plus the user's options.
 * const channel = createChannel<TMessage, TData, Wire>(
 *   {
 *     key: wireKey('polling', { source: url, interval }),
 *     createWire: (env) => new Wire(driver, env, { reconnect: options.reconnect }),
 *   },
 *   options,
 * );
 */
export function createChannel<TMessage, TData, W extends Wire>(
  spec: ChannelSpec<W>,
  options: ChannelOptions<TMessage, TData>,
): Channel<TMessage, TData> {
  const env = resolveEnv(options.env);
  const hub = options.hub ?? getDefaultHub();
  const shared = options.share !== false;
  const enabled = options.enabled !== false;
  // Request-scoped streams answer one tab's request: never relayed to the others.
  const crossTabOption: unknown = spec.manual ? undefined : (options.crossTab ?? hub.crossTab);
  const crossTab = isCrossTabSharing(crossTabOption) ? crossTabOption : undefined;
  // A cross-tab wire and a tab-local one are different connections, so they never share.
  const crossTabKey = `${spec.key}${spec.crossTabScope ? ` ${spec.crossTabScope}` : ''}`;
  const hubKey = crossTab ? `${crossTabKey} crossTab` : spec.key;
  const createWire = (): W => {
    const created = spec.createWire(env);
    if (crossTab) crossTab.share(created, crossTab.settings.name ?? crossTabKey, env);
    return created;
  };
  let consumer: ConsumerOptions<TMessage, TData> = options;

  let data = options.initial;
  let received = 0;
  let error: TidingsError | null = null;
  let wireState: Pick<WireState, 'status' | 'attempt' | 'cursor'> = {
    status: 'idle',
    attempt: 0,
    cursor: undefined,
  };
  let snapshot: ChannelState<TData> | undefined;

  const changeListeners = new Set<() => void>();
  const messageListeners = new Set<(message: TMessage) => void>();
  const notifier = createNotifier(
    () => consumer.notify ?? 'frame',
    env,
    () => {
      for (const listener of [...changeListeners]) listener();
    },
  );

  let phase: Phase<W> = { name: 'idle' };

  function changed(): void {
    snapshot = undefined;
    notifier.schedule();
  }

  function setError(next: TidingsError): void {
    error = next;
    changed();
    tell('onError', next);
  }

  /** A callback's throw goes to `onError` only: it is the app's bug, not the connection's state. */
  function safely(name: string, fn: () => void): void {
    callApp(name, fn, tellOnError, undefined);
  }

  /** Calls the app's callback `name` (the latest one), {@link safely}. */
  function tell(name: 'onOpen' | 'onClose' | 'onMessage' | 'onError', ...args: unknown[]): void {
    safely(name, () => (consumer[name] as ((...args: unknown[]) => void) | undefined)?.(...args));
  }

  function tellOnError(reported: TidingsError): void {
    try {
      consumer.onError?.(reported);
    } catch {
      // onError itself threw: nothing left to tell; delivery goes on.
    }
  }

  function setStatus(status: Status): void {
    if (wireState.status === status) return;
    wireState = { ...wireState, status };
    changed();
    if (status === 'open') tell('onOpen');
    if (status === 'closed') tell('onClose');
  }

  let lastWireError: TidingsError | null = null;
  const listener: WireListener = {
    state(next) {
      wireState = { ...wireState, attempt: next.attempt, cursor: next.cursor };
      changed();
      if (next.error && next.error !== lastWireError) setError(next.error);
      lastWireError = next.error;
      setStatus(next.status);
      // Closed for good (a non-retried error, retries spent): let go of the wire, so a consumer
      // joining later gets a fresh connection instead of restarting this one under us.
      if (next.status === 'closed' && phase.name === 'attached') {
        detach({ name: 'closed', held: phase.held });
      }
    },
    opened() {
      // Every successful open or poll response clears the last error, parse errors included.
      if (error === null) return;
      error = null;
      changed();
    },
    frame(frame) {
      if (spec.accepts && !spec.accepts(frame)) return;
      let message: TMessage;
      try {
        message = (spec.toMessage ?? parseFrame)(
          frame,
          (consumer.parse ?? 'json') as Parse<unknown>,
          consumer.schema,
        ) as TMessage;
      } catch (cause) {
        setError(toTidingsError(cause, 'parse'));
        return;
      }
      received++;
      const { reduce } = consumer;
      data = reduce
        ? callApp('reduce', () => reduce(data, message), setError, data)
        : (message as unknown as TData);
      changed();
      tell('onMessage', message);
      for (const fn of [...messageListeners]) safely('An onMessage listener', () => fn(message));
    },
    report: setError,
    recoverAuth(failure, attempt) {
      const refresh = consumer.onAuthError;
      if (!refresh) return false;
      // A throw (or a rejection) is the app's bug: reported, and taken as "do not retry".
      const answer = callApp('onAuthError', () => refresh(failure, { attempt }), setError, false);
      if (!(answer instanceof Promise)) return answer === true;
      return answer.then(
        (resolved) => resolved === true,
        (cause: unknown) => {
          setError(
            new TidingsError('config', `onAuthError rejected: ${messageOf(cause)}`, { cause }),
          );
          return false;
        },
      );
    },
    shouldReconnect(failure) {
      const veto = consumer.shouldReconnect;
      if (!veto) return failure.retryable;
      // A throwing veto must not leave the wire half-failed: report it and stop retrying.
      return callApp('shouldReconnect', () => veto(failure), setError, false);
    },
  };

  function listenerCount(): number {
    return changeListeners.size + messageListeners.size;
  }

  /**
   * idle | closed → attached: joins (or creates) the wire and starts it. Stays `idle` when
   * disabled, or with a bad option (reported as a `config` error, status `closed`): validation
   * runs again on the next try.
   */
  function attach(held: boolean): void {
    phase = { name: 'idle' };
    if (!enabled) return;
    const invalid = spec.validate?.() ?? crossTabProblem(crossTabOption);
    if (invalid) {
      setError(invalid);
      setStatus('closed');
      return;
    }
    const wire = shared ? hub.acquire(hubKey, createWire) : createWire();
    const stopListening = wire.listen(listener);
    const undoAttach = spec.attach?.(wire);
    const release = () => {
      undoAttach?.();
      stopListening();
      if (shared) hub.release(hubKey, wire);
      else wire.stop();
    };
    phase = { name: 'attached', wire, release, held };
    // Catch up with a wire other consumers already opened.
    if (wire.isRunning) listener.state(wire.getState());
    wire.start();
  }

  /**
   * → idle (the last listener left) or closed (`close()`, the wire closed for good), letting go
   * of the wire if attached. The phase moves first, so an `onClose` that reconnects is not undone.
   */
  function detach(next: Exclude<Phase<W>, { name: 'attached' }>): void {
    const left = phase;
    phase = next;
    if (left.name === 'attached') left.release();
    setStatus(next.name);
  }

  function listenerJoined(): void {
    if (phase.name === 'idle' && !spec.manual && isBrowserLike(env)) attach(false);
  }

  function listenerLeft(): void {
    if (phase.name === 'attached' && !phase.held && listenerCount() === 0) detach({ name: 'idle' });
  }

  const channel: Channel<TMessage, TData> = {
    getState() {
      snapshot ??= { ...wireState, data, error, received };
      return snapshot;
    },
    subscribe(onChange) {
      changeListeners.add(onChange);
      listenerJoined();
      return () => {
        changeListeners.delete(onChange);
        listenerLeft();
      };
    },
    onMessage(fn) {
      messageListeners.add(fn);
      listenerJoined();
      return () => {
        messageListeners.delete(fn);
        listenerLeft();
      };
    },
    connect() {
      if (phase.name !== 'attached') return attach(true);
      // Asked for by the app: the wire now outlives its listeners.
      phase.held = true;
      phase.wire.start();
    },
    close() {
      detach({ name: 'closed', held: false });
    },
    reconnect() {
      if (phase.name === 'attached') phase.wire.reconnect();
      // Reopening for present listeners must still detach when they leave (a hook's unmount);
      // only a listener-less reconnect holds the connection like `connect()`.
      else attach(listenerCount() === 0 || (phase.name === 'closed' && phase.held));
    },
    setOptions(next) {
      consumer = { ...consumer, ...next };
    },
    raw() {
      return phase.name === 'attached' ? phase.wire.attempt?.raw?.() : undefined;
    },
  };
  setChannelInternals<W>(channel, {
    wire: () => (phase.name === 'attached' ? phase.wire : undefined),
    env,
    report: setError,
    reset() {
      data = options.initial;
      error = null;
      changed();
    },
  });
  return channel;
}

/** A `crossTab` that is set but not made by `crossTab()` (`true` from JavaScript, say). */
function crossTabProblem(option: unknown): TidingsError | undefined {
  if (option === undefined || option === false || isCrossTabSharing(option)) return undefined;
  return configError(
    "crossTab must be crossTab() from '@tidings/core/cross-tab' (its own entry, so that apps that do not share across tabs do not bundle it)",
  );
}
