const ids = new WeakMap<object, number>();
let nextId = 0;

/**
 * A string that changes exactly when the wire must change: the URL and every wire option, object
 * keys sorted so a getter that rebuilds `{ a, b }` as `{ b, a }` keeps its connection. Functions and
 * class instances (a hub, an injected `env` constructor) count by identity. Function-valued options
 * that are bound through a latest-closure wrapper are left out by the caller before this.
 */
export function identityKey(value: unknown): string {
  return JSON.stringify(value, (_key, part: unknown) => {
    if (typeof part === 'function') return `[fn ${idOf(part)}]`;
    if (part instanceof URL) return part.href;
    if (part && typeof part === 'object' && !Array.isArray(part)) {
      const proto = Object.getPrototypeOf(part);
      if (proto !== Object.prototype && proto !== null) return `[object ${idOf(part)}]`;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(part).sort()) {
        sorted[key] = (part as Record<string, unknown>)[key];
      }
      return sorted;
    }
    return part;
  });
}

function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = ++nextId;
    ids.set(value, id);
  }
  return id;
}
