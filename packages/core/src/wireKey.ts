/**
 * Fields that carry credentials. Keys are shown through `hub.keys()` (devtools, logs), so these
 * appear as a hash of their value: two different tokens still make two different keys, and
 * nothing keeps the value itself.
 */
const SECRET_FIELDS = new Set(['password', 'headers', 'extraHeaders', 'auth', 'query']);

const ids = new WeakMap<object, number>();
let nextId = 0;

/**
 * A string that changes exactly when a wire must change, compared by value: object keys are
 * sorted, so `{ a, b }` rebuilt as `{ b, a }` keeps its connection; a URL counts by its href.
 * Functions and anything that is not a plain object or array (a class instance such as a FormData
 * body, a module namespace) count by reference, since two of them may send different things.
 * Function-valued options bound through `latest` (nested ones too) must be marked by the caller
 * first (see `wireIdentity`), or every inline closure would reconnect.
 *
 * The key may be shown (`hub.keys()`), so it never holds a credential: the fields named in
 * `SECRET_FIELDS` and the query string and user info of a URL appear as a hash of their text.
 */
export function identityKey(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** The key of one transport's wire in a hub: the transport, then {@link identityKey} of its parts. */
export function wireKey(transport: string, parts: Record<string, unknown>): string {
  return `${transport}:${identityKey(parts)}`;
}

function replacer(key: string, part: unknown): unknown {
  if (SECRET_FIELDS.has(key) && part !== undefined && typeof part !== 'function') {
    return `[secret ${hash(JSON.stringify(part, replacer))}]`;
  }
  if (typeof part === 'string') return redactUrl(part);
  if (typeof part === 'function') return `[function ${idOf(part)}]`;
  if (part && typeof part === 'object' && !Array.isArray(part)) {
    if (!isPlainObject(part)) return `[object ${idOf(part)}]`;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(part).sort()) {
      sorted[name] = (part as Record<string, unknown>)[name];
    }
    return sorted;
  }
  return part;
}

/**
 * A URL's query string (`?token=`) and user info (`user:pass@`) replaced by a hash of their text;
 * anything that does not look like a URL is returned as is. `URL` is not used to parse: a relative
 * URL (`/ws?token=…`) has no base here, and the text must stay byte for byte what the app passed.
 */
export function redactUrl(text: string): string {
  const scheme = text.indexOf('://');
  if (scheme <= 0 && !text.startsWith('/')) return text;
  let result = text;
  const query = result.indexOf('?');
  if (query !== -1) result = `${result.slice(0, query)}?[query ${hash(result.slice(query + 1))}]`;
  if (scheme > 0) {
    const authorityStart = scheme + 3;
    const authorityEnd = firstOf(result, ['/', '?', '#'], authorityStart);
    const at = result.lastIndexOf('@', authorityEnd - 1);
    if (at >= authorityStart) {
      const userInfo = result.slice(authorityStart, at);
      result = `${result.slice(0, authorityStart)}[user ${hash(userInfo)}]${result.slice(at)}`;
    }
  }
  return result;
}

function firstOf(text: string, needles: string[], from: number): number {
  let first = text.length;
  for (const needle of needles) {
    const index = text.indexOf(needle, from);
    if (index !== -1 && index < first) first = index;
  }
  return first;
}

/** A plain object or a null-prototype record: compared by value, not by reference. */
export function isPlainObject(value: object): boolean {
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

/**
 * cyrb53: a fast 53-bit string hash. It tells values apart and does not show them; it is not a
 * cryptographic digest, which would need an async API (`crypto.subtle`) a key cannot wait for.
 */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
