import type { ChannelState } from '@tidings/core';
import { warnUnshownConfigError, watchIdentityChurn } from '@tidings/core/binding';
import { nextTick, type ShallowRef, watch } from 'vue';

/** What `useChannel` feeds the development checks, and what `useChannelReturn` reports to them. */
export interface DevWarnings {
  /** Called on every evaluation of the wire identity (source and wire options, as marked). */
  identity(identity: [unknown, Record<string, unknown>]): void;
  /** Called when the app reads `error`. */
  errorRead(): void;
}

/**
 * Development-only checks of one `useChannel` (created only where `process.env.NODE_ENV` is not
 * `'production'`, so production builds drop this module): options that reconnect on every
 * evaluation, and a `config` error that nothing shows (no `onError`, `error` never read).
 */
export function devWarnings<TData>(
  transport: string,
  state: ShallowRef<ChannelState<TData>>,
  handlesErrors: () => boolean,
): DevWarnings {
  const churn = watchIdentityChurn(transport);
  let errorSeen = false;
  watch(
    () => state.value?.error,
    (error) => {
      if (error?.kind !== 'config') return;
      // After the next render: by then a template or watcher that shows the error has read it.
      void nextTick().then(() => {
        if (!errorSeen && !handlesErrors()) warnUnshownConfigError(transport, error);
      });
    },
    { immediate: true },
  );
  return {
    identity: ([source, wire]) => churn({ source, ...wire }),
    errorRead: () => {
      errorSeen = true;
    },
  };
}
