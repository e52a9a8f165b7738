/**
 * The instrumentation every competitor page shares. Imported first, so the counting WebSocket is in
 * place before any library under test reads `window.WebSocket`. Competitors only call `commit()`
 * once their own DOM shows a new state; everything else is read by the Node harness over CDP.
 */

/** What a competitor's view shows: how many messages it counted, and the seq of the last one. */
interface Shown {
  count: number;
  last: number;
}

interface LatencySample {
  seq: number;
  /** Epoch ms (high resolution) when the DOM first showed this seq. */
  domAt: number;
  /** Epoch ms when the frame after that DOM change had been painted. */
  paintAt?: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

const state = {
  /** DOM commits (React commits, Vue renders, DOM writes, floor paints) since `arm()`. */
  renders: 0,
  shown: { count: 0, last: -1 } as Shown,
  /** What was shown at `arm()`: counts are reported from there. */
  base: 0,
  /** `performance.now()` of `arm()` and of the last change to what is shown. */
  armedAt: 0,
  lastChangeAt: 0,
  /** Frames received by every WebSocket of the page since `arm()`, whoever reads them. */
  raw: 0,
  socketsOpen: 0,
  socketsOpened: 0,
  errors: [] as string[],
  latency: undefined as LatencySample[] | undefined,
};

/** Resolved by the next socket to open. */
const openWaiters: ((opened: boolean) => void)[] = [];

/** Resolves true when a socket of the page opens next, false after `timeoutMs`. */
export function nextSocketOpen(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    openWaiters.push((opened) => {
      clearTimeout(timer);
      resolve(opened);
    });
  });
}

const NativeWebSocket = window.WebSocket;
class CountedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    let opened = false;
    this.addEventListener('open', () => {
      opened = true;
      state.socketsOpen++;
      state.socketsOpened++;
      for (const resolve of openWaiters.splice(0)) resolve(true);
    });
    this.addEventListener('close', () => {
      if (opened) state.socketsOpen--;
    });
    this.addEventListener('message', () => {
      state.raw++;
    });
  }
}
window.WebSocket = CountedWebSocket;

const describe = (reason: unknown) =>
  reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
window.addEventListener('error', (event) =>
  state.errors.push(describe(event.error ?? event.message)),
);
window.addEventListener('unhandledrejection', (event) => state.errors.push(describe(event.reason)));
const consoleError = console.error.bind(console);
// Recorded, and still printed: a library logging errors under load is part of the result.
console.error = (...args: unknown[]) => {
  state.errors.push(args.map(describe).join(' '));
  consoleError(...args);
};

let stampPaints = false;

/** Stamps the paint of the frame that follows a DOM change (a task posted from rAF runs after it). */
function stampPaint(sample: LatencySample): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      sample.paintAt = epochNow();
      channel.port1.close();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Called by a competitor after its DOM shows `count` messages, the last with `seq`. */
export function commit(count: number, last: number): void {
  state.renders++;
  if (count === state.shown.count && last === state.shown.last) return;
  state.shown = { count, last };
  state.lastChangeAt = performance.now();
  if (state.latency && last >= 0) {
    const sample: LatencySample = { seq: last, domAt: epochNow() };
    state.latency.push(sample);
    if (stampPaints) stampPaint(sample);
  }
}

/** The seq a mock-server message carries in `data.seq` (-1 when it has none). */
export function seqOf(message: unknown): number {
  const data = (message as { data?: { seq?: unknown } } | null)?.data;
  return typeof data?.seq === 'number' ? data.seq : -1;
}

export interface SettleResult {
  count: number;
  last: number;
  renders: number;
  raw: number;
  /** From `arm()` to the last change of what is shown, in ms. */
  wallMs: number;
  timedOut: boolean;
}

/** The page API the Node harness drives through `page.evaluate`. */
const api = {
  /** Resolves once `count` sockets are open (a page with no socket passes 0). */
  async opened(count = 1, timeoutMs = 10_000): Promise<void> {
    const started = performance.now();
    while (state.socketsOpen < count) {
      if (performance.now() - started > timeoutMs) {
        throw new Error(
          `${state.socketsOpen} of ${count} socket(s) opened; page errors: ${state.errors.join('; ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  },
  /** Zeroes the counters just before the Node side starts emitting. */
  arm(options: { latency?: 'dom' | 'paint' } = {}): void {
    stampPaints = options.latency === 'paint';
    state.base = state.shown.count;
    state.renders = 0;
    state.raw = 0;
    state.errors = [];
    state.armedAt = performance.now();
    state.lastChangeAt = state.armedAt;
    state.latency = options.latency ? [] : undefined;
  },
  /**
   * Resolves when the view shows `expected` messages, or, when messages were lost, once every
   * frame has arrived (`rawExpected`) and the view has not changed for `quietMs`.
   */
  async settle(expected: number, rawExpected: number, quietMs: number, timeoutMs: number) {
    const result = (timedOut: boolean): SettleResult => ({
      count: state.shown.count - state.base,
      last: state.shown.last,
      renders: state.renders,
      raw: state.raw,
      wallMs: state.lastChangeAt - state.armedAt,
      timedOut,
    });
    const started = performance.now();
    for (;;) {
      const now = performance.now();
      if (state.shown.count - state.base >= expected) return result(false);
      if (state.raw >= rawExpected && now - state.lastChangeAt >= quietMs) return result(false);
      if (now - started > timeoutMs) return result(true);
      await new Promise((r) => setTimeout(r, 20));
    }
  },
  shown: (): Shown => state.shown,
  latency: (): LatencySample[] => state.latency ?? [],
  errors: (): string[] => state.errors,
  sockets: () => ({ open: state.socketsOpen, opened: state.socketsOpened }),
  /** Page-specific actions (start a stream, run mount cycles) registered by the competitor. */
  actions: {} as Record<string, (count?: number) => unknown>,
};

declare global {
  interface Window {
    bench: typeof api;
  }
}
window.bench = api;

/** Registers an action the Node harness can call as `bench.actions[name](...)`. */
export function action(name: string, run: (count?: number) => unknown): void {
  api.actions[name] = run;
}

/** Query parameters of the page URL: which scenario, how many components. */
export const params = new URLSearchParams(location.search);
export const scenario = params.get('scenario') ?? 'stream';
/** The mock server that serves the page also serves the WebSocket. */
export const wsUrl = `ws://${location.host}/ws`;
