// The credentials of the auth refresh scenario, apart from its Vitest half so that a page bundled
// for Chromium (authPage/authPage.ts) refreshes its token exactly as the Node scenarios do.
import type { AuthErrorContext, TidingsError } from '@tidings/core';

/** The only token the mock server accepts in these scenarios; the client starts with another. */
export const FRESH = 'fresh-token';
export const EXPIRED = 'expired-token';
/** The token the server rotates to in the middle of a session (FRESH expires then). */
export const ROTATED = 'rotated-token';

/** What a credentials getter and `onAuthError` of one channel saw. */
export interface Credentials {
  /** The token the getters hand out now; `onAuthError` refreshes it. */
  token: string;
  /** Calls of the credentials getter: one per attempt. */
  calls: number;
  refusals: Array<{ kind: string; attempt: number }>;
  /** An async getter (the attempt must wait for it). */
  get(): Promise<string>;
  /** Refreshes the token and asks for a retry, asynchronously as a token endpoint would. */
  onAuthError(error: TidingsError, context: AuthErrorContext): Promise<boolean>;
}

/**
 * Credentials that start with `token` and refresh to what `refreshed()` answers then (by default
 * an expired token refreshed to the fresh one). `onRefusal` runs while the client stands refused,
 * before the refresh: what a test does there happens while the channel cannot connect.
 */
export function credentials({
  token = EXPIRED,
  refreshed = () => FRESH,
  onRefusal = () => {},
}: {
  token?: string;
  refreshed?: () => string;
  onRefusal?: () => void | Promise<void>;
} = {}): Credentials {
  const state: Credentials = {
    token,
    calls: 0,
    refusals: [],
    async get() {
      state.calls++;
      await Promise.resolve();
      return state.token;
    },
    async onAuthError(error, { attempt }) {
      state.refusals.push({ kind: error.kind, attempt });
      await onRefusal();
      state.token = refreshed();
      return true;
    },
  };
  return state;
}
