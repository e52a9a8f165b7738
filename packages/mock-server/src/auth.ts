import type { IncomingMessage } from 'node:http';
import { knownFields } from './bodyFields';
import { badRequest, HttpError } from './errors';

/** The WebSocket close code `/ws` refuses a token with (a browser cannot see an upgrade's 401). */
export const WS_UNAUTHORIZED = 4401;

/** What a refusal says, on every transport: the client knows to refresh its token. */
const REFUSED = 'token missing or expired';

/**
 * Auth mode (`authTokens`, CLI `--auth-token`): every endpoint that carries credentials accepts
 * only these tokens; any other (an expired one, none) is refused. Without tokens auth is off.
 * Where the token travels: `Authorization: Bearer <token>` or `?token=` (HTTP and `/ws`, since a
 * browser EventSource, iframe or WebSocket cannot set headers), `auth.token` (Socket.IO) and the
 * password (MQTT). The one place that decides, both for a new connection and, after `set()`,
 * for the connections already open.
 */
export class TokenCheck {
  #tokens: ReadonlySet<string> | undefined;

  constructor(tokens: readonly string[] | undefined) {
    this.#tokens = tokenSet(tokens);
  }

  /** Replaces the accepted tokens (rotation: the old ones expire); none turns auth off. */
  set(tokens: readonly string[] | undefined): void {
    this.#tokens = tokenSet(tokens);
  }

  /** Whether `token` may connect: always, when auth is off. */
  accepts(token: unknown): boolean {
    return this.#tokens === undefined || (typeof token === 'string' && this.#tokens.has(token));
  }

  /** Throws the 401 an HTTP request (or `/ws` upgrade check) without an accepted token gets. */
  checkRequest(req: IncomingMessage, url: URL): void {
    if (!this.accepts(requestToken(req, url))) throw this.refusal();
  }

  /** Whether a request or upgrade carries an accepted token. */
  acceptsRequest(req: IncomingMessage, url: URL): boolean {
    return this.accepts(requestToken(req, url));
  }

  refusal(): HttpError {
    return new HttpError(401, REFUSED);
  }

  /** The reason refusals carry (WebSocket close reason, Socket.IO and MQTT errors). */
  readonly reason = REFUSED;
}

function tokenSet(tokens: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return tokens === undefined || tokens.length === 0 ? undefined : new Set(tokens);
}

/** The bearer token of a request, else its `token` query parameter. */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return url.searchParams.get('token') ?? undefined;
}

const AUTH_FIELDS: ReadonlySet<string> = new Set(['tokens']);

/** The body of `POST /control/auth`: `{ tokens: string[] }` (empty turns auth off). */
export function parseAuthTokens(input: unknown): string[] {
  const { tokens } = knownFields(input, AUTH_FIELDS, {
    notAnObject: 'auth must be a JSON object { "tokens": [...] }',
    field: 'auth',
  });
  if (!Array.isArray(tokens) || tokens.some((token) => typeof token !== 'string' || token === '')) {
    throw badRequest('tokens must be an array of non-empty strings');
  }
  return tokens as string[];
}
