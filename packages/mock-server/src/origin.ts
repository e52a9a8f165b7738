import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';
import { hostnameOf } from './hostGuard';

/** The Storybook dev servers of this repo (React on 6006, Vue on 6007), which proxy to us. */
export const STORYBOOK_DEV_ORIGINS = ['localhost', '127.0.0.1', '[::1]'].flatMap((hostname) =>
  [6006, 6007].map((port) => `http://${hostname}:${port}`),
);

/** Validates an `allowOrigins` entry: `*`, or a bare origin such as `http://localhost:3000`. */
export function parseAllowedOrigin(value: string): string {
  if (value === '*') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(
      `allowed origin must be * or an origin such as http://localhost:3000, got "${value}"`,
    );
  }
  const bare =
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  // `localhost:3000` parses as a URL of scheme `localhost:`; an origin is written scheme-first.
  if (url.origin === 'null' || !bare || !value.toLowerCase().startsWith(url.origin)) {
    throw new RangeError(`allowed origin must be a scheme, host and port only, got "${value}"`);
  }
  return url.origin;
}

/**
 * Which browser pages may use the server: its own origin, the Storybook dev servers and whatever
 * `allowOrigins` adds (`*`: any). A request without an `Origin` header does not come from a
 * cross-origin page (curl, Node, a navigation), so it is always let through.
 */
export class OriginPolicy {
  readonly #allowed: Set<string>;
  readonly any: boolean;

  constructor(allowOrigins: readonly string[] = []) {
    const extra = allowOrigins.map(parseAllowedOrigin);
    this.any = extra.includes('*');
    this.#allowed = new Set([
      ...STORYBOOK_DEV_ORIGINS,
      ...extra.filter((origin) => origin !== '*'),
    ]);
  }

  /** Hostnames of the explicitly allowed origins, which may therefore appear in `Host`. */
  get hostnames(): string[] {
    return [...this.#allowed].map((origin) => new URL(origin).hostname);
  }

  /** True when a page of `origin` may talk to a server it reached as `host` (the Host header). */
  allows(origin: string, host: string | undefined): boolean {
    if (this.any || this.#allowed.has(origin)) return true;
    // Same-origin: the page was served by us under the name it now uses (Host is checked apart).
    return host !== undefined && hostnameOf(host) !== undefined && origin === `http://${host}`;
  }

  /** The request's `Origin` when it may go on (undefined: none sent); a 403 when it may not. */
  check(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    if (this.allows(origin, req.headers.host)) return origin;
    throw new HttpError(
      403,
      `pages of origin "${origin}" may not use this server; start it with --allow-origin ${origin} ` +
        '(allowOrigins) to let them',
    );
  }
}
