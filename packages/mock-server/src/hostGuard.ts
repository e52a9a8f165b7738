import type { IncomingMessage } from 'node:http';
import { badRequest, HttpError } from './errors';

/** Names that always mean this machine, so a page can never reach them through someone's DNS. */
export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `host` as it appears in a URL: IPv6 addresses in brackets. */
export const urlHostname = (host: string): string =>
  host.includes(':') && !host.startsWith('[') ? `[${host}]` : host.toLowerCase();

/** The hostname a `Host` header names, or undefined when it is not a plain `host[:port]`. */
export function hostnameOf(header: string): string | undefined {
  let url: URL;
  try {
    url = new URL(`http://${header}`);
  } catch {
    return undefined;
  }
  const plain = url.username === '' && url.password === '' && url.pathname === '/';
  return plain && url.search === '' && url.hash === '' ? url.hostname : undefined;
}

/**
 * Answers only requests addressed to this machine by a loopback name, the configured host or an
 * allowed origin's host. DNS rebinding points an attacker's name at 127.0.0.1, so its pages reach
 * the server as "same-origin" — but with their own name in `Host`, which is refused here.
 */
export class HostGuard {
  readonly #hostnames: Set<string>;

  /** `hostnames` undefined: any host (the `*` origin policy). */
  constructor(hostnames: Iterable<string> | undefined) {
    this.#hostnames = new Set(hostnames ?? []);
    this.any = hostnames === undefined;
  }

  readonly any: boolean;

  /** Throws the HttpError to answer `req` with unless its `Host` is one of ours. */
  check(req: IncomingMessage): void {
    const header = req.headers.host;
    // HTTP/1.0 clients may omit it; every browser sends it, so its absence is no browser attack.
    if (header === undefined || this.any) return;
    const hostname = hostnameOf(header);
    if (hostname === undefined) throw badRequest(`Host header "${header}" is not a host[:port]`);
    if (this.#hostnames.has(hostname)) return;
    throw new HttpError(
      403,
      `Host "${header}" is not a loopback name (${LOOPBACK_HOSTNAMES.join(', ')}) or the configured host; ` +
        'a page reaching this server under another name may be a DNS rebinding attack ' +
        '(allow its origin with --allow-origin to use that name)',
    );
  }
}
