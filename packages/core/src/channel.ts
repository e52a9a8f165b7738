import { callApp } from './callApp';
import { shareAcrossTabs } from './crossTab/link';
import { resolveCrossTab } from './crossTab/options';
import { isBrowserLike, resolveEnv, type TidingsEnv } from './env';
import { type TidingsError, toTidingsError } from './errors';
import { getDefaultHub } from './hub';
import { createNotifier } from './notifier';
import { parseFrame } from './parse';
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
   * Builds the delivered message from a frame with this consumer's `parse` (MQTT and Socket.IO
   * wrap the parsed payload in an envelope). Throws a `parse` TidingsError on a bad frame.
   * @default parseFrame
   */
  toMessage?(frame: Frame, parse: Parse<unknown>): unknown;
  /** Connect only on an explicit `connect()`, never on a first listener (request-scoped streams). */
  manual?: boolean;
  /**
   * What a consumer adds to the wire across tabs (MQTT topics): a leading tab connects with its
   * own consumers' options only, so consumers that differ in it never share a cross-tab wire.
   * @default nothing
   */
  crossTabScope?: string;
}

export interface ChannelInternals<W extends Wire> {
  /** The wire while connected, for transport verbs (`send`, `publish`, `emit`). */
  wire(): W | undefined;
  env: TidingsEnv;
  /** Reports an error to this consumer (a verb used while closed, for instance). */
  report(error: TidingsError): void;
  /** Back to the start: `data` = `initial`, no error (a request-scoped stream's fresh answer). */
  reset(): void;
}

/**
 * Each channel's internals, kept off the public object: an app sees only the `Channel` methods
 * and its transport's verbs, and the internals go when the channel does.
 */
const internalsByChannel = new WeakMap<object, ChannelInternals<Wire>>();

/** The internals of a channel made by {@link createChannel} (or {@link extendChannel} over one). */
export function channelInternals<W extends Wire>(channel: object): ChannelInternals<W> {
  const internals = internalsByChannel.get(channel);
  if (!internals) throw new TypeError('tidings: not a channel made by createChannel');
  return internals as ChannelInternals<W>;
}

/**
 * A transport's public channel, built as `{ ...channel, verbs }` (`send`, `refresh`, ..., or a
 * replaced method such as a request-scoped stream's `reconnect`): given the same internals.
 */
export function extendChannel<T extends object>(channel: object, extended: T): T {
  internalsByChannel.set(extended, channelInternals(channel));
  return extended;
}

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
  const crossTab = spec.manual ? undefined : resolveCrossTab(options.crossTab ?? hub.crossTab);
  // A cross-tab wire and a tab-local one are different connections, so they never share.
  const crossTabKey = `${spec.key}${spec.crossTabScope ? ` ${spec.crossTabScope}` : ''}`;
  const hubKey = crossTab ? `${crossTabKey} crossTab` : spec.key;
  const createWire = (): W => {
    const created = spec.createWire(env);
    if (crossTab) shareAcrossTabs(created, crossTab.name ?? crossTabKey, crossTab, env);
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

  let wire: W | undefined;
  let detach: (() => void) | undefined;
  let explicit = false;
  // Set by close() and by a terminal failure: listeners arriving later do not reopen it.
  let stayClosed = false;

  function changed(): void {
    snapshot = undefined;
    notifier.schedule();
  }

  function setError(next: TidingsError): void {
    error = next;
    changed();
    safely('onError', () => consumer.onError?.(next));
  }

  /** A callback's throw goes to `onError` only: it is the app's bug, not the connection's state. */
  function safely(name: string, fn: () => void): void {
    callApp(name, fn, tellOnError, undefined);
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
    const previous = wireState.status;
    wireState = { ...wireState, status };
    changed();
    if (status === 'open' && previous !== 'open') safely('onOpen', () => consumer.onOpen?.());
    if (status === 'closed') safely('onClose', () => consumer.onClose?.());
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
      if (next.status === 'closed' && wire) {
        stayClosed = true;
        detachWire('closed');
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
        message = spec.toMessage
          ? (spec.toMessage(frame, (consumer.parse ?? 'json') as Parse<unknown>) as TMessage)
          : parseFrame(frame, consumer.parse ?? 'json');
      } catch (cause) {
        setError(toTidingsError(cause, 'parse'));
        return;
      }
      received++;
      if (consumer.reduce) {
        const reduce = consumer.reduce;
        data = callApp('reduce', () => reduce(data, message), setError, data);
      } else {
        data = message as unknown as TData;
      }
      changed();
      safely('onMessage', () => consumer.onMessage?.(message));
      for (const fn of [...messageListeners]) safely('An onMessage listener', () => fn(message));
    },
    report: setError,
    shouldReconnect(failure) {
      const veto = consumer.shouldReconnect;
      if (!veto) return failure.retryable;
      // A throwing veto must not leave the wire half-failed: report it and stop retrying.
      return callApp('shouldReconnect', () => veto(failure), setError, false);
    },
  };

  function attach(): void {
    if (wire || !enabled) return;
    const invalid = spec.validate?.();
    if (invalid) {
      setError(invalid);
      setStatus('closed');
      return;
    }
    const acquired = shared ? hub.acquire(hubKey, createWire) : createWire();
    wire = acquired;
    const stopListening = acquired.listen(listener);
    const undoAttach = spec.attach?.(acquired);
    detach = () => {
      undoAttach?.();
      stopListening();
      if (shared) hub.release(hubKey, acquired);
      else acquired.stop();
    };
    // Catch up with a wire other consumers already opened.
    if (acquired.isRunning) listener.state(acquired.getState());
    acquired.start();
  }

  function detachWire(next: Status): void {
    const undo = detach;
    wire = undefined;
    detach = undefined;
    undo?.();
    setStatus(next);
  }

  function listenerCount(): number {
    return changeListeners.size + messageListeners.size;
  }

  function autoConnect(): void {
    if (!spec.manual && !stayClosed && enabled && isBrowserLike(env)) attach();
  }

  function autoDisconnect(): void {
    if (!explicit && listenerCount() === 0 && wire) detachWire('idle');
  }

  const channel: Channel<TMessage, TData> = {
    getState() {
      snapshot ??= { ...wireState, data, error, received };
      return snapshot;
    },
    subscribe(onChange) {
      changeListeners.add(onChange);
      autoConnect();
      return () => {
        changeListeners.delete(onChange);
        autoDisconnect();
      };
    },
    onMessage(fn) {
      messageListeners.add(fn);
      autoConnect();
      return () => {
        messageListeners.delete(fn);
        autoDisconnect();
      };
    },
    connect() {
      explicit = true;
      stayClosed = false;
      if (wire) wire.start();
      else attach();
    },
    close() {
      explicit = false;
      stayClosed = true;
      if (wire) detachWire('closed');
      else setStatus('closed');
    },
    reconnect() {
      stayClosed = false;
      if (wire) wire.reconnect();
      else {
        // Reopening for present listeners must still detach when they leave (a hook's unmount);
        // only a listener-less reconnect holds the connection like `connect()`.
        if (listenerCount() === 0) explicit = true;
        attach();
      }
    },
    setOptions(next) {
      consumer = { ...consumer, ...next };
    },
  };
  const internals: ChannelInternals<W> = {
    wire: () => wire,
    env,
    report: setError,
    reset() {
      data = options.initial;
      error = null;
      changed();
    },
  };
  internalsByChannel.set(channel, internals as unknown as ChannelInternals<Wire>);
  return channel;
}
