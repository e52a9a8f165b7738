import type { SharedWire } from './hub';

/** What `@tidings/core/devtools` needs of a hub, kept off its public object. */
export interface HubInternals {
  /** The wire held under `key`, if any. */
  wireOf(key: string): SharedWire | undefined;
  /**
   * Told when a wire is created (`added`) or let go. One slot per hub, empty unless devtools
   * observe it, so a hub nobody inspects pays one property check per wire created or dropped.
   */
  onChange: ((key: string, wire: SharedWire, added: boolean) => void) | undefined;
}

const internalsByHub = new WeakMap<object, HubInternals>();

/** Files `internals` under `hub`; `createHub` does this for every hub it makes. */
export function setHubInternals(hub: object, internals: HubInternals): void {
  internalsByHub.set(hub, internals);
}

/** The internals of a hub made by `createHub`, or undefined for any other object. */
export function hubInternals(hub: object): HubInternals | undefined {
  return internalsByHub.get(hub);
}
