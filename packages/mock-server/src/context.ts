import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from './access';
import { requestToken, type TokenCheck } from './auth';
import type { FaultInjector } from './faults';
import type { HostileNetworkSimulator } from './hostileNetwork';
import type { Limits } from './limits';
import type { Live } from './live';
import type { OrderedLog } from './log/orderedLog';
import { requestUrl } from './requestUrl';
import type { Stats } from './stats';
import type { TransportName } from './types';

/** What every route and protocol adapter shares. */
export interface ServerContext {
  log: OrderedLog;
  stats: Stats;
  live: Live;
  faults: FaultInjector;
  network: HostileNetworkSimulator;
  heartbeatMs: number;
  socketIoPing: { interval: number; timeout: number };
  tokenDelayMs: number;
  limits: Limits;
  access: Access;
  auth: TokenCheck;
}

export type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ServerContext,
) => void | Promise<void>;

/**
 * Counts an HTTP response as a live connection of `transport` until it closes; `drop()` destroys
 * its socket as a network fault would, and so does a token rotation that expires its token.
 */
export function trackResponse(
  ctx: ServerContext,
  transport: TransportName,
  res: ServerResponse,
): void {
  // The router parsed this URL already: it cannot throw here.
  const token = requestToken(res.req, requestUrl(res.req));
  const release = ctx.live.open(
    transport,
    () => res.destroy(),
    () => token,
  );
  // 'close' fires once: a response that already closed would otherwise be counted open forever.
  if (res.closed || res.destroyed) release();
  else res.once('close', release);
  // Its token was checked before the request waited (faults, latency, a log catching up): if the
  // tokens rotated meanwhile, it is cut now, as the rotation would have cut it.
  if (!ctx.auth.accepts(token)) res.destroy();
}
