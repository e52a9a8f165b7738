/** The reason a default parse gives when it refuses a frame holding a `__proto__` key. */
export const PROTO_KEY_REFUSED =
  'a "__proto__" key is refused (merged into app state it replaces a prototype)';

/**
 * Whether a decoded JSON value holds a `__proto__` key at any depth. `JSON.parse` makes it an own
 * property, harmless by itself, but an app that merges messages into its state (`Object.assign`,
 * a deep merge) would replace a prototype with it, or pollute `Object.prototype`. So the default
 * `'json'` parse refuses such a frame, as `secure-json-parse` does by default.
 *
 * Only plain objects and arrays are walked (what JSON and structured clone produce), iteratively,
 * so a deeply nested frame cannot overflow the stack.
 *
 * @example
 * hasProtoKey(JSON.parse('{"a":{"__proto__":{"admin":true}}}')); // true
 */
export function hasProtoKey(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      // One by one: spreading a long array into push() overflows the argument limit.
      for (const item of next) pending.push(item);
      continue;
    }
    if (!isPlainObject(next)) continue;
    if (Object.hasOwn(next, '__proto__')) return true;
    for (const key of Object.keys(next)) pending.push(next[key]);
  }
  return false;
}

/**
 * Whether JSON `text` can decode to a `__proto__` key: only with the name spelled out or written
 * with `\u` escapes. Lets the common frame skip the walk.
 */
export function mayHoldProtoKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
