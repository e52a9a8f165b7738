import type { ConsumerOptions } from './types';

// Helpers for framework bindings (`@tidings/react`, `@tidings/vue`): how a hook's options divide
// into what each consumer owns and what changes the wire, so both bindings reconnect on exactly the
// same changes.

type AnyFunction = (...args: unknown[]) => unknown;

/** Options that belong to the consumer: pushed with `setOptions`, never part of the identity. */
export const consumerOptionKeys = [
  'parse',
  'reduce',
  'onOpen',
  'onMessage',
  'onError',
  'onClose',
  'shouldReconnect',
  'onAuthError',
] as const satisfies ReadonlyArray<keyof ConsumerOptions<unknown>>;

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
 * source and the wire options, each function marked {@link LATEST} since it is bound through
 * {@link bindLatest} and a new inline closure must not reconnect.
 */
export function wireIdentity(source: unknown, wire: Record<string, unknown>): unknown {
  const marked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wire)) {
    marked[name] = typeof value === 'function' ? LATEST : value;
  }
  return [typeof source === 'function' ? LATEST : source, marked];
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
 * The wire options with every function replaced by a {@link latest} wrapper that reads the option
 * of that name through `read`. Pass the same `wrappers` map on every call to get the same wrapper
 * per name, so a channel recreated for another reason shares its wire like the first one did.
 */
export function bindLatest(
  wire: Record<string, unknown>,
  read: (name: string) => unknown,
  wrappers: Map<string, AnyFunction> = new Map(),
): Record<string, unknown> {
  const bound: Record<string, unknown> = { ...wire };
  for (const [name, value] of Object.entries(wire)) {
    if (typeof value !== 'function') continue;
    let wrapper = wrappers.get(name);
    if (!wrapper) {
      wrapper = latest(() => read(name) as AnyFunction | undefined);
      wrappers.set(name, wrapper);
    }
    bound[name] = wrapper;
  }
  return bound;
}
