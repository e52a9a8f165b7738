import { warnOnce } from './warnOnce';
import { identityKey } from './wireKey';

/**
 * Development only: watches one hook's wire identity from render to render and warns when it has
 * changed twice while every value looks the same, i.e. only by reference (a class instance such
 * as a `FormData` body, or a function the binding cannot bind, created in render), with no real
 * change in between: such an option reconnects on every render. Once is allowed: a new body on
 * purpose is a resend. Renders that change nothing do not reset the count: a new channel's state
 * causes one such render after every reconnect.
 *
 * @param hook The hook's name, for the message (`useWebSocket`).
 * @returns Call it on every render (or every identity change) with the source and wire options,
 *   as given to `wireIdentity`.
 */
export function watchIdentityChurn(hook: string): (identity: Record<string, unknown>) => void {
  let previous: Record<string, string> | undefined;
  let streak = 0;
  return (identity) => {
    const keys: Record<string, string> = {};
    for (const [name, value] of Object.entries(identity)) keys[name] = identityKey(value);
    const churned = previous ? churnedOptions(previous, keys) : undefined;
    previous = keys;
    if (churned === undefined) {
      streak = 0;
      return;
    }
    if (churned.length === 0) return;
    streak++;
    if (streak < 2) return;
    warnOnce(
      `churn:${hook}:${churned.join(',')}`,
      `${hook}: ${churned.map((name) => `"${name}"`).join(', ')} is a new object on every render ` +
        '(a class instance or a function created in render), so the connection reopens each ' +
        'time. Create it once (module scope, useMemo, a ref) or pass plain data.',
    );
  };
}

/**
 * The options whose value changed only by reference; `[]` when nothing changed; undefined when a
 * value really changed (a new URL, another topic): that reconnect is meant.
 */
function churnedOptions(
  previous: Record<string, string>,
  next: Record<string, string>,
): string[] | undefined {
  const churned: string[] = [];
  for (const name of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const before = previous[name];
    const after = next[name];
    if (before === after) continue;
    if (before === undefined || after === undefined) return undefined;
    if (withoutReferences(before) !== withoutReferences(after)) return undefined;
    churned.push(name);
  }
  return churned;
}

/** An identity key with the reference numbers `identityKey` gives objects and functions dropped. */
function withoutReferences(key: string): string {
  return key.replace(/\[(object|function) \d+\]/g, '[$1]');
}
