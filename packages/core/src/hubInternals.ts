/** What `@tidings/core/devtools` needs of a hub, kept off its public object. */
export interface HubInternals {
  /**
   * The hub's own registry: the wire held under each key (typed loosely so this module imports
   * nothing from the hub, which imports it; devtools check each one is a `Wire`).
   */
  readonly entries: ReadonlyMap<string, { readonly wire: unknown }>;
  /**
   * Told, with the key, when a wire is created or let go. Empty unless devtools observe the hub,
   * so a hub nobody inspects pays one property check per wire created or dropped, none per frame.
   */
  onChange: ((key: string) => void) | undefined;
}

/**
 * Each hub's internals, filed by `createHub`. A WeakMap rather than a property, so an app sees
 * only the `Hub` methods and the internals go when the hub does.
 */
export const internalsByHub: WeakMap<object, HubInternals> = new WeakMap();
