import type { ChannelState } from '@tidings/core';
import { warnUnshownConfigError, watchIdentityChurn } from '@tidings/core/binding';
import { useEffect, useRef, useState } from 'react';

/**
 * Development-only checks of one `useChannel` (called only where `process.env.NODE_ENV` is not
 * `'production'`, so production builds drop this module): options that reconnect on every render,
 * and a `config` error that nothing shows.
 *
 * @returns What `useChannelReturn` calls when the app reads `error`.
 */
export function useDevWarnings<TData>(
  transport: string,
  identity: [unknown, Record<string, unknown>],
  state: ChannelState<TData>,
  handlesErrors: boolean,
): () => void {
  const [churn] = useState(() => watchIdentityChurn(transport));
  churn({ source: identity[0], ...identity[1] });

  const errorSeen = useRef(false);
  const [errorRead] = useState(() => () => {
    errorSeen.current = true;
  });
  // After the commit every render that could show the error has run: unread and unhandled, a
  // misconfiguration (a bad URL, an invalid option) would sit silently in `state.error`.
  useEffect(() => {
    if (!errorSeen.current && !handlesErrors) warnUnshownConfigError(transport, state.error);
  });
  return errorRead;
}
