const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

/**
 * Fields that carry credentials. Keys are visible through `hub.keys()` (devtools, logs), so these
 * are keyed by an opaque number per distinct value instead of the value itself.
 */
const SECRET_FIELDS = new Set(['password', 'headers', 'auth']);
const secretIds = new Map<string, number>();

/**
 * A stable key for everything that changes the wire. Object keys are sorted so `{a, b}` and
 * `{b, a}` share; a function (a custom fetcher, a headers getter) is keyed by identity, since two
 * different functions may fetch different things.
 */
export function wireKey(transport: string, parts: Record<string, unknown>): string {
  return `${transport}:${JSON.stringify(parts, replacer)}`;
}

function replacer(key: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(key) && value !== undefined && typeof value !== 'function') {
    const text = JSON.stringify(value, replacer);
    let id = secretIds.get(text);
    if (id === undefined) {
      id = secretIds.size + 1;
      secretIds.set(text, id);
    }
    return `[secret ${id}]`;
  }
  // A function (a fetcher), or an instance of a class (a FormData or Blob body) whose JSON form
  // says nothing of its content, is keyed by identity: two of them may send different things.
  if (typeof value === 'function' || isInstance(value)) {
    let id = functionIds.get(value as object);
    if (id === undefined) {
      id = ++nextFunctionId;
      functionIds.set(value as object, id);
    }
    return `[${typeof value === 'function' ? 'function' : 'object'} ${id}]`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = (value as Record<string, unknown>)[key];
    return sorted;
  }
  return value;
}

function isInstance(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype !== Object.prototype && prototype !== null;
}
