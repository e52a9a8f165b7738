// Development-mode warnings. Every call site is wrapped in
// `if (process.env.NODE_ENV !== 'production')`, which bundlers replace with a constant: the call and
// this module then drop out of production builds, so a warning costs nothing there. Core's own
// call sites check `typeof process` first, since core also runs where nothing replaces it.

const warned = new Set<string>();

/**
 * Warns once per `code` for the page's lifetime: a warning raised on every render or by every
 * component would bury the first one, which is the one that says where the misuse started.
 */
export function warnOnce(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  console.warn(`tidings: ${message}`);
}

/** Forgets every warning given, so each test starts from a page that warned nothing. */
export function resetWarnings(): void {
  warned.clear();
}
