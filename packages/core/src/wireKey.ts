const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

/**
 * A stable key for everything that changes the wire. Object keys are sorted so `{a, b}` and
 * `{b, a}` share; a function (a custom fetcher, a headers getter) is keyed by identity, since two
 * different functions may fetch different things.
 */
export function wireKey(transport: string, parts: Record<string, unknown>): string {
  return `${transport}:${JSON.stringify(parts, replacer)}`;
}

function replacer(_key: string, value: unknown): unknown {
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
