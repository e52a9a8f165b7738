/**
 * Cross-tab sharing of a channel's connection (`crossTab: true`, or this object): one tab holds
 * the connection and relays its frames to the others.
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

/** `crossTab` as given (per channel, else per hub) to its settings; undefined: off. */
export function resolveCrossTab(
  option: boolean | CrossTabOptions | undefined,
): ResolvedCrossTab | undefined {
  if (!option) return undefined;
  const given = option === true ? {} : option;
  return { name: given.name, beatMs: given.beatMs ?? 500, staleMs: given.staleMs ?? 3000 };
}
