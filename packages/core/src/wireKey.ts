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
  if (typeof value === 'function') {
    let id = functionIds.get(value);
    if (id === undefined) {
      id = ++nextFunctionId;
      functionIds.set(value, id);
    }
    return `[function ${id}]`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = (value as Record<string, unknown>)[key];
    return sorted;
  }
  return value;
}
