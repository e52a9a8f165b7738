const ids = new WeakMap<object, number>();
let nextId = 0;

/**
 * A string that changes exactly when a binding's wire must change, compared by value: object keys
 * are sorted, so a render or getter that rebuilds `{ a, b }` as `{ b, a }` keeps its connection; a
 * URL counts by its href. Functions and anything that is not a plain object or array (a class
 * instance, a module namespace, a Blob) count by reference. Function-valued options bound through
 * {@link latest} must be marked by the caller first (see `wireIdentity`), or every inline closure
 * would reconnect.
 *
 * Not `wireKey`: that one is shown through `hub.keys()`, so it hides credentials and flattens class
 * instances; this one is never shown and must tell two instances apart.
 */
export function identityKey(value: unknown): string {
  return JSON.stringify(value, (_key, part: unknown) => {
    if (typeof part === 'function') return `[fn ${idOf(part)}]`;
    if (part instanceof URL) return part.href;
    if (part && typeof part === 'object' && !Array.isArray(part)) {
      if (!isPlainObject(part)) return `[object ${idOf(part)}]`;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(part).sort()) {
        sorted[key] = (part as Record<string, unknown>)[key];
      }
      return sorted;
    }
    return part;
  });
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  // A module namespace has a null prototype too, but is one object to count by reference.
  return (proto === Object.prototype || proto === null) && !(Symbol.toStringTag in value);
}

function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = ++nextId;
    ids.set(value, id);
  }
  return id;
}
