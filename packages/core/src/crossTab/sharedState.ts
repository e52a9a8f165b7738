import type { Wire } from '../wire';

/**
 * State a wire keeps besides its `WireState` that every tab must show alike (the realtime wire's
 * transport in use). The leading tab posts it on each change and to each follower that joins;
 * following tabs take it as their own.
 */
export interface SharedState {
  /** The value now, as structured clone takes it (what BroadcastChannel posts). */
  read(): unknown;
  /** Calls `onChange` on every change of the value; returns its undo. */
  watch(onChange: () => void): () => void;
  /** A following tab takes the leading tab's value as its own. */
  mirror(value: unknown): void;
}

const sharedByWire = new WeakMap<Wire, SharedState>();

/**
 * A wire tells its cross-tab link what more it shows than status, error and cursor. Cheap when
 * cross-tab sharing is off: nothing but a map entry.
 */
export function shareStateAcrossTabs(wire: Wire, shared: SharedState): void {
  sharedByWire.set(wire, shared);
}

export function sharedStateOf(wire: Wire): SharedState | undefined {
  return sharedByWire.get(wire);
}
