import type { TidingsError } from './errors';
import { warnOnce } from './warnOnce';

/**
 * Development only: a binding calls this once a render that could show `error` has run and
 * nothing did (no `onError`, `error` never read): a `config` error (a bad URL, an invalid option)
 * would otherwise sit silently in the state. Other kinds are the network's, shown as they come.
 *
 * @param hook The hook's name, for the message (`useWebSocket`).
 */
export function warnUnshownConfigError(hook: string, error: TidingsError | null | undefined): void {
  if (error?.kind !== 'config') return;
  warnOnce(
    `config:${hook}:${error.message}`,
    `${hook}: ${error.message}. Nothing shows this error: read \`error\` or pass onError.`,
  );
}
