/** The minimal event-target shape tidings listens on (window, document). */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

export interface DocumentLike extends EventTargetLike {
  readonly hidden: boolean;
  createElement?: Document['createElement'];
  body?: { appendChild(node: Node): unknown; removeChild?(node: Node): unknown } | null;
}

/**
 * Everything tidings takes from the platform. Every field can be injected, so tests drive time and
 * events instead of patching globals; what is not injected is read from `globalThis` when a
 * channel connects, never at import.
 */
export interface TidingsEnv {
  window: EventTargetLike | undefined;
  document: DocumentLike | undefined;
  navigator: { readonly onLine?: boolean } | undefined;
  WebSocket: typeof WebSocket | undefined;
  EventSource: typeof EventSource | undefined;
  fetch: typeof fetch | undefined;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  requestAnimationFrame: ((fn: () => void) => unknown) | undefined;
  queueMicrotask: (fn: () => void) => void;
  random: () => number;
  now: () => number;
  /**
   * Web Locks (`navigator.locks`): elects the tab that holds a cross-tab wire. Optional, so an
   * env built by hand without it simply connects in every tab.
   */
  locks?: LockManagerLike | undefined;
  /** BroadcastChannel: relays a cross-tab wire's frames to the other tabs. */
  BroadcastChannel?: BroadcastChannelConstructor | undefined;
}

/** The part of the Web Locks API cross-tab sharing uses (`navigator.locks`). */
export interface LockManagerLike {
  request(
    name: string,
    options: { mode?: 'exclusive'; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/** The part of BroadcastChannel cross-tab sharing uses. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export type BroadcastChannelConstructor = new (name: string) => BroadcastChannelLike;

/** Resolves the environment lazily from `globalThis`, with injected parts taking precedence. */
export function resolveEnv(injected: Partial<TidingsEnv> = {}): TidingsEnv {
  const g = globalThis as unknown as Partial<Record<string, unknown>>;
  const pick = <K extends keyof TidingsEnv>(key: K, fallback: unknown): TidingsEnv[K] =>
    (key in injected ? injected[key] : fallback) as TidingsEnv[K];
  const raf = g.requestAnimationFrame as ((fn: () => void) => unknown) | undefined;
  return {
    window: pick('window', g.window),
    document: pick('document', g.document),
    navigator: pick('navigator', g.navigator),
    WebSocket: pick('WebSocket', g.WebSocket),
    EventSource: pick('EventSource', g.EventSource),
    fetch: pick(
      'fetch',
      typeof g.fetch === 'function' ? (g.fetch as typeof fetch).bind(globalThis) : undefined,
    ),
    setTimeout: pick('setTimeout', (fn: () => void, ms: number) => setTimeout(fn, ms)),
    clearTimeout: pick('clearTimeout', (handle: unknown) =>
      clearTimeout(handle as ReturnType<typeof setTimeout>),
    ),
    requestAnimationFrame: pick(
      'requestAnimationFrame',
      raf ? (fn: () => void) => raf(fn) : undefined,
    ),
    queueMicrotask: pick('queueMicrotask', (fn: () => void) => queueMicrotask(fn)),
    random: pick('random', Math.random),
    now: pick('now', Date.now),
    locks: pick('locks', (g.navigator as { locks?: LockManagerLike } | undefined)?.locks),
    BroadcastChannel: pick('BroadcastChannel', g.BroadcastChannel),
  };
}

/** A page, not a server: only there do channels connect on their own. */
export function isBrowserLike(env: TidingsEnv): boolean {
  return env.window !== undefined && env.document !== undefined;
}
