import { type CrossTabRole, crossTabRoleOfWire } from './crossTab/role';
import type { TidingsError, TidingsErrorKind } from './errors';
import type { Hub } from './hub';
import { type HubInternals, internalsByHub } from './hubInternals';
import type { Status } from './types';
import { type Frame, Wire, type WireListener } from './wire';
import { redactUrl } from './wireKey';

/**
 * An error as devtools show it: its kind and message, with any URL's query string and user info
 * hashed. The error object itself is not handed out: its `cause` or `messages` may hold what the
 * app sent or a request with its headers.
 */
export interface InspectedError {
  kind: TidingsErrorKind;
  message: string;
  status: number | undefined;
}

/** One wire of a hub, as {@link inspectHub} and {@link observeHub} show it. */
export interface InspectedWire {
  /** The hub key: transport and options, with credentials already hashed (see `wireKey`). */
  key: string;
  /** The transport named at the start of the key (`webSocket`, `sse`, `mqtt`, ...). */
  transport: string;
  status: Status;
  /** Failed attempts since the last successful open. */
  attempt: number;
  /** Resume position (last delivery id or long-poll cursor). */
  cursor: string | undefined;
  /** Consumers (channels) listening to the wire. */
  listeners: number;
  /**
   * Frames the wire delivered (after dropping duplicates) while the hub was observed: a wire
   * that existed before the first {@link observeHub} is counted from then on.
   */
  messages: number;
  /**
   * Size of those frames: UTF-8 bytes of a text frame, `byteLength` of a binary one, and for a
   * structured frame (a long-poll item, Socket.IO arguments) the UTF-8 bytes of its JSON text,
   * an estimate of what it weighed on the wire. Transport framing (SSE field names, WebSocket and
   * MQTT headers, Socket.IO packet prefixes) is not counted.
   */
  bytes: number;
  /** The wire's current error (cleared by the next successful open). */
  error: InspectedError | null;
  /** The last error seen while observed, including skipped malformed frames; kept until the next one. */
  lastError: InspectedError | null;
  /**
   * Cross-tab sharing (`crossTab`): this tab's id, whether it holds the connection, and which tab
   * does; undefined for a wire this tab keeps to itself.
   */
  crossTab: CrossTabRole | undefined;
}

/** Counters of one wire, kept as long as the wire is: a second observer goes on from them. */
interface WireStats {
  messages: number;
  bytes: number;
  lastError: TidingsError | null;
}

const statsByWire = new WeakMap<Wire, WireStats>();

function statsOf(wire: Wire): WireStats {
  let stats = statsByWire.get(wire);
  if (!stats) {
    stats = { messages: 0, bytes: 0, lastError: null };
    statsByWire.set(wire, stats);
  }
  return stats;
}

/** One hub's observers and the taps it keeps on each of its wires while observed. */
interface Tracker {
  internals: HubInternals;
  observers: Set<(wires: InspectedWire[]) => void>;
  untap: Map<string, () => void>;
  scheduled: boolean;
}

const trackers = new WeakMap<Hub, Tracker>();

/** Every wire the hub holds now. Message and byte counts grow only while the hub is observed. */
export function inspectHub(hub: Hub): InspectedWire[] {
  const internals = internalsOf(hub);
  const tapped = trackers.get(hub)?.untap;
  const wires: InspectedWire[] = [];
  for (const key of hub.keys()) {
    const wire = wireOf(internals, key);
    if (wire) wires.push(describe(key, wire, tapped?.has(key) === true));
  }
  return wires;
}

/**
 * Calls `listener` now and after every change of the hub (a wire added or let go, a status, a
 * frame, an error), with a fresh {@link inspectHub} snapshot. Changes within one task are told
 * once. Returns the unsubscribe; the hub's wires are left as they were when the last observer goes.
 *
 * @example
 * const stop = observeHub(getDefaultHub(), (wires) => console.table(wires));
 */
export function observeHub(hub: Hub, listener: (wires: InspectedWire[]) => void): () => void {
  let tracker = trackers.get(hub);
  if (!tracker) {
    tracker = startTracking(hub);
    trackers.set(hub, tracker);
  }
  const observer = (wires: InspectedWire[]) => listener(wires);
  tracker.observers.add(observer);
  listener(inspectHub(hub));
  const observed = tracker;
  return () => {
    observed.observers.delete(observer);
    if (observed.observers.size > 0 || trackers.get(hub) !== observed) return;
    trackers.delete(hub);
    observed.internals.onChange = undefined;
    for (const untap of observed.untap.values()) untap();
    observed.untap.clear();
  };
}

/**
 * Stops the wire under `key` for every consumer, as a failure that is not retried would: each
 * channel on it closes (`status: 'closed'`) and lets go of it. Returns false when no such wire.
 */
export function dropWire(hub: Hub, key: string): boolean {
  const wire = wireOf(internalsOf(hub), key);
  if (!wire) return false;
  wire.stop();
  return true;
}

/** Drops the current attempt of the wire under `key` and starts a new one now, skipping any wait. */
export function reconnectWire(hub: Hub, key: string): boolean {
  const wire = wireOf(internalsOf(hub), key);
  if (!wire) return false;
  wire.reconnect();
  return true;
}

function wireOf(internals: HubInternals, key: string): Wire | undefined {
  const wire = internals.entries.get(key)?.wire;
  return wire instanceof Wire ? wire : undefined;
}

function internalsOf(hub: Hub): HubInternals {
  const internals = internalsByHub.get(hub);
  if (!internals) throw new TypeError('tidings devtools: not a hub made by createHub');
  return internals;
}

function startTracking(hub: Hub): Tracker {
  const internals = internalsOf(hub);
  const tracker: Tracker = { internals, observers: new Set(), untap: new Map(), scheduled: false };
  const changed = () => {
    if (tracker.scheduled) return;
    tracker.scheduled = true;
    queueMicrotask(() => {
      tracker.scheduled = false;
      if (tracker.observers.size === 0) return;
      const wires = inspectHub(hub);
      for (const observer of [...tracker.observers]) observer(wires);
    });
  };
  const tap = (key: string) => {
    const wire = wireOf(internals, key);
    if (wire && !tracker.untap.has(key)) tracker.untap.set(key, tapWire(wire, changed));
  };
  // Called with the key when a wire is created (before it starts) or let go (already removed).
  internals.onChange = (key) => {
    if (internals.entries.has(key)) tap(key);
    else {
      tracker.untap.get(key)?.();
      tracker.untap.delete(key);
    }
    changed();
  };
  for (const key of hub.keys()) tap(key);
  return tracker;
}

/**
 * Listens to a wire like one more consumer that never vetoes a retry, counting what it delivers.
 * Added when the hub creates the wire, before it starts, so nothing it delivers is missed.
 */
function tapWire(wire: Wire, changed: () => void): () => void {
  const stats = statsOf(wire);
  // A wire with `replayLast` hands a joining listener its last frame again: not a new message.
  let joining = true;
  const listener: WireListener = {
    state(state) {
      if (state.error) stats.lastError = state.error;
      changed();
    },
    opened: changed,
    frame(frame) {
      if (joining) return;
      stats.messages++;
      stats.bytes += frameBytes(frame);
      changed();
    },
    report(error) {
      stats.lastError = error;
      changed();
    },
    shouldReconnect: () => true,
  };
  const stop = wire.listen(listener);
  joining = false;
  return stop;
}

function describe(key: string, wire: Wire, tapped: boolean): InspectedWire {
  const state = wire.getState();
  const stats = statsByWire.get(wire);
  const separator = key.indexOf(':');
  return {
    key,
    transport: separator > 0 ? key.slice(0, separator) : key,
    status: state.status,
    attempt: state.attempt,
    cursor: state.cursor,
    // The tap is a listener too; it is not one of the app's consumers.
    listeners: wire.listenerCount - (tapped ? 1 : 0),
    messages: stats?.messages ?? 0,
    bytes: stats?.bytes ?? 0,
    error: inspectError(state.error),
    lastError: inspectError(stats?.lastError ?? null),
    crossTab: crossTabRoleOfWire(wire),
  };
}

function inspectError(error: TidingsError | null): InspectedError | null {
  if (!error) return null;
  return { kind: error.kind, message: redactText(error.message), status: error.status };
}

/**
 * Error messages name the URL they concern (`HTTP 401 from /events?token=…`): every word that
 * looks like a URL, after any opening quote or bracket, gets the key's redaction.
 */
function redactText(text: string): string {
  return text
    .split(' ')
    .map((word) => {
      let start = 0;
      while (start < word.length && `"'([<`.includes(word.charAt(start))) start++;
      return word.slice(0, start) + redactUrl(word.slice(start));
    })
    .join(' ');
}

const utf8 = new TextEncoder();

function frameBytes(frame: Frame): number {
  const { raw } = frame;
  if (typeof raw === 'string') return utf8.encode(raw).byteLength;
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) return raw.byteLength;
  if (typeof Blob !== 'undefined' && raw instanceof Blob) return raw.size;
  try {
    const json = JSON.stringify(raw);
    return json === undefined ? 0 : utf8.encode(json).byteLength;
  } catch {
    // A value JSON cannot write (a cycle, a BigInt) has no size to estimate.
    return 0;
  }
}
