// The browser half of test/core/auth.browser.test.ts: bundled and served by a mock server (the
// one in auth mode, or one on another site), it opens one channel over a browser-only transport
// whose first token is refused, with the credentials of the Node scenarios, and keeps what it sees
// on `window.auth`, where the Node side reads it and waits on it.
import {
  type AuthErrorContext,
  createHub,
  createIframeStream,
  createSSE,
  type TidingsError,
} from '@tidings/core';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { EventSourcePolyfill } from 'event-source-polyfill';
import { credentials, FRESH, ROTATED } from '../authCredentials';

/** The browser transports proven here; each carries the token the way it can. */
export type AuthPageCase = 'iframe' | 'sseNative' | 'ssePolyfill';

export interface AuthPageState {
  ids: string[];
  status: string;
  /** The channel's error now. */
  error: { kind: string; status?: number; retryable: boolean; message: string } | null;
  /** Every error message the channel's state carried, in order (refusals included). */
  stateErrors: string[];
  /** What `onError` was told. */
  reported: string[];
  /** The message of each error `onAuthError` was called with. */
  refusedWith: string[];
  /** What the credentials saw: `onAuthError`'s calls, the getter's calls, the token now. */
  refusals: Array<{ kind: string; attempt: number }>;
  calls: number;
  token: string;
  /** What `raw()` held when the channel opened: proves which client carried the stream. */
  clientAtOpen: string | undefined;
  /** Iframes in the document now: a refused attempt's frame must not stay behind. */
  frames: number;
}

declare global {
  interface Window {
    auth: {
      /** A plain copy of what the page saw so far (undefined before `open`). */
      read(): AuthPageState | undefined;
      /**
       * Opens the channel of `which`. With `refresh` false, `onAuthError` answers no: the refusal
       * is final. `streams`: the origin of the auth server (another site), else this page's.
       * `midSession`: the first token is good and expires later (the server rotates to ROTATED);
       * while refused, the page publishes through the control API, as other clients go on doing.
       */
      open(which: AuthPageCase, refresh: boolean, streams?: string, midSession?: boolean): void;
    };
  }
}

type Note = { id: string; type: string };

/** The mock server's messages carry the log id: the cursor a reconnect resumes from. */
const messageId = (message: unknown) => (message as Note | null)?.id;

/** Publishes through the mock server's control API (the page's only way to the server's log). */
async function publish(streams: string, phase: string, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    const response = await fetch(`${streams}/control/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'notification', data: { phase, n } }),
    });
    if (response.status !== 201) throw new Error(`publish answered ${response.status}`);
  }
}

/** The client under a channel, named by what it is in this page. */
function describeClient(client: unknown): string | undefined {
  if (client === undefined) return undefined;
  if (client instanceof HTMLIFrameElement) return 'iframe';
  // The polyfill's instances are no EventSource, nor name their class: ask the package itself.
  if (client instanceof EventSourcePolyfill) return 'EventSourcePolyfill';
  if (client instanceof EventSource) return 'EventSource';
  return Object.prototype.toString.call(client);
}

let read: () => AuthPageState | undefined = () => undefined;

window.auth = {
  read: () => read(),
  open(which, refresh, streams = location.origin, midSession = false) {
    const auth = midSession
      ? credentials({
          token: FRESH,
          refreshed: () => ROTATED,
          onRefusal: () => publish(streams, 'refused', 2),
        })
      : credentials();
    const state: Omit<AuthPageState, 'refusals' | 'calls' | 'token' | 'frames'> = {
      ids: [],
      status: 'idle',
      error: null,
      stateErrors: [],
      reported: [],
      refusedWith: [],
      clientAtOpen: undefined,
    };
    read = () => ({
      ...structuredClone(state),
      refusals: structuredClone(auth.refusals),
      calls: auth.calls,
      token: auth.token,
      frames: document.querySelectorAll('iframe').length,
    });
    const common = {
      hub: createHub(),
      reconnect: { minDelay: 10, maxDelay: 50 },
      notify: 'sync',
      onMessage: (message: Note) => state.ids.push(message.id),
      onError: (error: TidingsError) => state.reported.push(error.message),
      onAuthError: (error: TidingsError, context: AuthErrorContext) => {
        state.refusedWith.push(error.message);
        return refresh ? auth.onAuthError(error, context) : false;
      },
    } as const;
    const channel =
      which === 'iframe'
        ? createIframeStream<Note>(
            async () => `${streams}/iframe/stream?token=${await auth.get()}`,
            {
              ...common,
              // The cursor of the reconnect (else the position at the last open), and a page sees
              // no end of a cut iframe response: only the server's pings going quiet.
              ...(midSession ? { messageId, heartbeatTimeout: 1_000 } : {}),
            },
          )
        : which === 'sseNative'
          ? createSSE<Note>(async () => `${streams}/api/sse?token=${await auth.get()}`, {
              ...common,
              transport: 'native',
              events: ['notification'],
            })
          : createSSE<Note>(`${streams}/api/sse`, {
              ...common,
              transport: 'polyfill',
              polyfill: eventSourcePolyfill,
              events: ['notification'],
              headers: async () => ({ Authorization: `Bearer ${await auth.get()}` }),
            });
    channel.subscribe(() => {
      const { status, error } = channel.getState();
      state.status = status;
      state.error = error && {
        kind: error.kind,
        status: error.status,
        retryable: error.retryable,
        message: error.message,
      };
      if (error && state.stateErrors.at(-1) !== error.message)
        state.stateErrors.push(error.message);
      if (status === 'open' && state.clientAtOpen === undefined) {
        state.clientAtOpen = describeClient(channel.raw());
      }
    });
    channel.connect();
  },
};
