import type { CrossTabSharing } from './crossTab/options';
import { type HubInternals, internalsByHub } from './hubInternals';
import { warnNearDuplicateWire } from './nearDuplicateWire';

/** What a hub shares: a connection it stops once its last consumer has left. */
export interface SharedWire {
  stop(): void;
}

interface Entry {
  wire: SharedWire;
  refs: number;
}

/** The registry of shared connections: one wire per key, ref-counted by consumers. */
export interface Hub {
  /** Returns the wire for `key`, creating it with `create` when none is live, and takes a ref. */
  acquire<W extends SharedWire>(key: string, create: () => W): W;
  /** Drops a ref; the wire stops once no consumer is left. */
  release(key: string, wire: SharedWire): void;
  /** Keys of the wires currently held (for tests and devtools). */
  keys(): string[];
  /** The `crossTab` of channels that do not set their own (see {@link HubOptions}). */
  readonly crossTab?: CrossTabSharing;
}

export interface HubOptions {
  /**
   * Share the connections of this hub's channels across the tabs of the browser: one tab holds
   * each connection and relays its frames to the others (see `crossTab` in the channel options).
   * A channel's own `crossTab` wins. The value is `crossTab(options?)` from
   * `@tidings/core/cross-tab`. @default none
   */
  crossTab?: CrossTabSharing;
}

/**
 * Creates a hub. The last release stops its wire after a microtask, so a mount-unmount-mount
 * (React StrictMode, HMR, a Vue `v-if` flip) keeps the one connection instead of opening a second.
 *
 * @example
 * const hub = createHub();
 * const a = createWebSocket('/ws', { hub });
 * const b = createWebSocket('/ws', { hub }); // same socket as `a`
 */
export function createHub(options: HubOptions = {}): Hub {
  const entries = new Map<string, Entry>();
  const internals: HubInternals = { entries, onChange: undefined };
  const hub: Hub = {
    crossTab: options.crossTab,
    acquire<W extends SharedWire>(key: string, create: () => W): W {
      let entry = entries.get(key);
      if (!entry) {
        // `typeof process`: core also runs unbundled (no bundler to replace the check).
        if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
          warnNearDuplicateWire(key, entries.keys());
        }
        entry = { wire: create(), refs: 0 };
        entries.set(key, entry);
        internals.onChange?.(key);
      }
      entry.refs++;
      return entry.wire as W;
    },
    release(key, wire) {
      const entry = entries.get(key);
      if (!entry || entry.wire !== wire) return;
      entry.refs--;
      if (entry.refs > 0) return;
      queueMicrotask(() => {
        if (entries.get(key) !== entry || entry.refs > 0) return;
        entries.delete(key);
        entry.wire.stop();
        internals.onChange?.(key);
      });
    },
    keys: () => [...entries.keys()],
  };
  internalsByHub.set(hub, internals);
  return hub;
}

let defaultHub: Hub | undefined;

/** The hub used when none is provided; created on first use, not at import. */
export function getDefaultHub(): Hub {
  defaultHub ??= createHub();
  return defaultHub;
}
