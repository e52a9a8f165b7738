import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors';

/**
 * The URL of a request or upgrade. An origin-form target (`/path?query`) is appended to a fixed
 * base rather than resolved against it: `new URL('//', base)` reads `//` as a host and throws,
 * which once ended the process on `GET //`. Anything unparseable is a 400, never an exception.
 */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  try {
    return target.startsWith('/') ? new URL(`http://mock.invalid${target}`) : new URL(target);
  } catch {
    throw badRequest(`request target ${JSON.stringify(target)} is not a path`);
  }
}
