import type { TidingsEnv } from '../env';

/**
 * Settings of cross-tab sharing, given to `crossTab()` from `@tidings/core/cross-tab`: one tab
 * holds the connection and relays its frames to the others.
 */
export interface CrossTabOptions {
  /**
   * Names the shared connection across tabs. By default it is the channel's sharing key (the
   * transport, URL and wire options, credentials hashed). Give one when a wire option is a
   * function (a polling fetcher, a headers callback): functions count by identity, which differs
   * from tab to tab. Never put a credential in it: it names a Web Lock and a BroadcastChannel.
   * @default the sharing key
   */
  name?: string;
  /** How often the leading tab says it is alive, in ms. @default 500 */
  beatMs?: number;
  /**
   * Silence from the leading tab after which a waiting tab takes the lock from it (a frozen or
   * stuck tab keeps its lock; a closed or crashed one gives it back at once). @default 3000
   */
  staleMs?: number;
}

export interface ResolvedCrossTab {
  name: string | undefined;
  beatMs: number;
  staleMs: number;
}

/**
 * The `crossTab` option of a channel or hub: `crossTab(options?)` from `@tidings/core/cross-tab`.
 * An object carrying its implementation rather than a flag, so that only the apps that share
 * across tabs bundle the election and relay.
 */
export interface CrossTabSharing {
  readonly settings: ResolvedCrossTab;
  /**
   * Makes `wire` (a `Wire`; typed loosely so that `types.ts` stays a leaf of the import graph)
   * take part in the election for `name`; does nothing without Web Locks or BroadcastChannel.
   */
  share(wire: object, name: string, env: TidingsEnv): void;
}

/** Defaults filled in. */
export function resolveCrossTab(options: CrossTabOptions): ResolvedCrossTab {
  return { name: options.name, beatMs: options.beatMs ?? 500, staleMs: options.staleMs ?? 3000 };
}

/** Whether a `crossTab` option is one `crossTab()` made (a JavaScript caller may pass `true`). */
export function isCrossTabSharing(value: unknown): value is CrossTabSharing {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CrossTabSharing).share === 'function'
  );
}
