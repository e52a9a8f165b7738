import type { ConsumerOptions } from './types';
import { isPlainObject } from './wireKey';

// Helpers for framework bindings (`@tidings/react`, `@tidings/vue`): how a hook's options divide
// into what each consumer owns and what changes the wire, so both bindings reconnect on exactly the
// same changes.

type AnyFunction = (...args: unknown[]) => unknown;

/** Options that belong to the consumer: pushed with `setOptions`, never part of the identity. */
export const consumerOptionKeys = [
  'parse',
  'schema',
  'reduce',
  // Read by core on every notification, so a new value applies at once without a new channel.
  'notify',
  'onOpen',
  'onMessage',
  'onError',
  'onClose',
  'shouldReconnect',
  'onAuthError',
] as const satisfies ReadonlyArray<keyof ConsumerOptions<unknown>>;

/** Consumer options of one transport beyond {@link consumerOptionKeys}, by `useChannel` name. */
export const transportConsumerOptionKeys = {
  socketIO: ['onRecover'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Read once when a channel is created and never part of the identity: `initial` and `env` are
 * often inline literals, and a new literal on every render must not mean a new connection.
 */
export const readOnceOptionKeys = ['initial', 'env'] as const;

/** A hook's options divided by {@link splitOptions}. */
export interface SplitOptions {
  /** Every consumer key, present even when `undefined`, so removing a callback takes effect. */
  consumer: Record<string, unknown>;
  /** Everything that changes the wire; function values are still the caller's closures. */
  wire: Record<string, unknown>;
}

const skipped = new Set<string>([
  ...consumerOptionKeys,
  ...readOnceOptionKeys,
  // The registry itself, not a wire option: each binding compares it by reference.
  'hub',
]);

/**
 * Divides a hook's options into consumer options and wire options.
 *
 * @example
 * const { consumer, wire } = splitOptions(options, ['onRecover']);
 * channel.setOptions(consumer);
 */
export function splitOptions(
  options: object | undefined,
  /** Consumer options of a transport beyond the common ones (Socket.IO's `onRecover`). */
  extraConsumerKeys: readonly string[] = [],
): SplitOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  const consumer: Record<string, unknown> = {};
  for (const name of [...consumerOptionKeys, ...extraConsumerKeys]) consumer[name] = given[name];
  const wire: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    if (!skipped.has(name) && !extraConsumerKeys.includes(name)) wire[name] = value;
  }
  return { consumer, wire };
}

/** What a function bound through {@link latest} counts as in an identity: any closure is the same. */
export const LATEST = '[latest]';

/**
 * The identity of a wire, to pass to `identityKey` (with whatever else the binding keys on): the
 * source and the wire options, each function marked {@link LATEST}, at any depth of plain objects
 * and arrays (a heartbeat's `pong` inside `heartbeat: {...}`), since {@link bindLatest} binds it
 * and a new inline closure must not reconnect.
 */
export function wireIdentity(source: unknown, wire: Record<string, unknown>): unknown {
  return [replaceFunctions(source, [], () => LATEST), replaceFunctions(wire, [], () => LATEST)];
}

/**
 * `value` with every function, at any depth of plain objects and arrays, replaced by what
 * `replace` returns for its path; anything else is kept (class instances count by reference).
 */
function replaceFunctions(
  value: unknown,
  path: string[],
  replace: (path: string[]) => unknown,
): unknown {
  if (typeof value === 'function') return replace(path);
  if (Array.isArray(value)) {
    return value.map((part, index) => replaceFunctions(part, [...path, String(index)], replace));
  }
  if (value && typeof value === 'object' && isPlainObject(value)) {
    const replaced: Record<string, unknown> = {};
    for (const [name, part] of Object.entries(value)) {
      replaced[name] = replaceFunctions(part, [...path, name], replace);
    }
    return replaced;
  }
  return value;
}

/**
 * A stable function that always calls the latest closure `read()` returns: for function-valued wire
 * options (a polling fetcher, SSE `headers`, Socket.IO `auth`) that must not reconnect when an
 * inline closure is recreated.
 */
export function latest<TArgs extends unknown[], TResult>(
  read: () => ((...args: TArgs) => TResult) | undefined,
): (...args: TArgs) => TResult {
  return (...args) => {
    const fn = read();
    if (!fn) throw new TypeError('tidings: the function option was removed');
    return fn(...args);
  };
}

/**
 * The wire options with every function, at any depth of plain objects and arrays, replaced by a
 * {@link latest} wrapper that reads the function at the same place in the option `read` returns.
 * Pass the same `wrappers` map on every call to get the same wrapper per place, so a channel
 * recreated for another reason shares its wire like the first one did.
 */
export function bindLatest(
  wire: Record<string, unknown>,
  read: (name: string) => unknown,
  wrappers: Map<string, AnyFunction> = new Map(),
): Record<string, unknown> {
  return replaceFunctions(wire, [], (path) => {
    // A path of names cannot collide with another: JSON keeps every segment apart.
    const place = path.length === 1 ? (path[0] as string) : JSON.stringify(path);
    let wrapper = wrappers.get(place);
    if (!wrapper) {
      wrapper = latest(() => {
        let value = read(path[0] as string);
        for (const name of path.slice(1)) value = (value as Record<string, unknown> | null)?.[name];
        return typeof value === 'function' ? (value as AnyFunction) : undefined;
      });
      wrappers.set(place, wrapper);
    }
    return wrapper;
  }) as Record<string, unknown>;
}
