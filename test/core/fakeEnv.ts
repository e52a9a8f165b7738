import type { TidingsEnv } from '@tidings/core';

/** A page-like environment whose window/document events the test fires by hand. */
export function fakePage(options: { hidden?: boolean; onLine?: boolean } = {}) {
  const windowTarget = new EventTarget();
  const documentTarget = new EventTarget() as EventTarget & { hidden: boolean };
  documentTarget.hidden = options.hidden ?? false;
  const navigator = { onLine: options.onLine ?? true };
  const env: Partial<TidingsEnv> = {
    window: windowTarget,
    document: documentTarget,
    navigator,
    requestAnimationFrame: undefined,
  };
  return {
    env,
    navigator,
    setHidden(hidden: boolean) {
      documentTarget.hidden = hidden;
      documentTarget.dispatchEvent(new Event('visibilitychange'));
    },
    goOffline() {
      navigator.onLine = false;
      windowTarget.dispatchEvent(new Event('offline'));
    },
    goOnline() {
      navigator.onLine = true;
      windowTarget.dispatchEvent(new Event('online'));
    },
    restoreFromBfcache() {
      const event = new Event('pageshow') as Event & { persisted: boolean };
      Object.defineProperty(event, 'persisted', { value: true });
      windowTarget.dispatchEvent(event);
    },
  };
}
