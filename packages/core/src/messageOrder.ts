/** A non-negative decimal counter written canonically ("0", "17"), as ordered logs issue ids. */
function asCounter(value: string): number | undefined {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 && String(n) === value ? n : undefined;
}

/**
 * True when both ids are decimal counters (as the mock server and most logs issue) and `id` is not
 * after `cursor`. Opaque ids cannot be ordered; for them only the seen-id check applies.
 */
export function isAtOrBefore(id: string, cursor: string | undefined): boolean {
  if (cursor === undefined) return false;
  const a = asCounter(id);
  const b = asCounter(cursor);
  return a !== undefined && b !== undefined && a <= b;
}
