import { configError, type TidingsError } from '../../errors';

const SCHEMES: Record<string, string> = {
  'ws:': 'ws:',
  'wss:': 'wss:',
  'http:': 'ws:',
  'https:': 'wss:',
};

/**
 * Turns the `url` option into the absolute ws:/wss: URL a WebSocket accepts: http(s) becomes
 * ws(s), a relative URL is resolved against the page's location, and the fragment (which the
 * WebSocket constructor rejects) is dropped. Anything else is a `config` error naming `url`.
 */
export function resolveSocketUrl(
  url: unknown,
  window: unknown,
): { ok: true; url: string } | { ok: false; error: TidingsError } {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    return { ok: false, error: configError(`url must be a URL string, got ${typeof url}`) };
  }
  const text = String(url).trim();
  if (text === '') return { ok: false, error: configError('url must not be empty') };
  const base = pageLocation(window);
  let parsed: URL;
  try {
    parsed = new URL(text, base);
  } catch {
    const why = base
      ? 'is not a valid URL'
      : 'is relative and there is no page to resolve it against';
    return {
      ok: false,
      error: configError(`url "${text}" ${why}; pass an absolute ws: or wss: URL`),
    };
  }
  const scheme = SCHEMES[parsed.protocol];
  if (!scheme) {
    return { ok: false, error: configError(`url "${text}" must use ws:, wss:, http: or https:`) };
  }
  parsed.protocol = scheme;
  parsed.hash = '';
  return { ok: true, url: parsed.href };
}

function pageLocation(window: unknown): string | undefined {
  const href = (window as { location?: { href?: unknown } } | undefined)?.location?.href;
  return typeof href === 'string' ? href : undefined;
}
