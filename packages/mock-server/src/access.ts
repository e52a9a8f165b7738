import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';
import { HostGuard, LOOPBACK_HOSTNAMES, urlHostname } from './hostGuard';
import { OriginPolicy } from './origin';

/** Who may talk to the server: the `Host` it is reached by and the page `Origin` it is used from. */
export class Access {
  readonly origins: OriginPolicy;
  readonly hosts: HostGuard;

  constructor(host: string, allowOrigins?: readonly string[]) {
    this.origins = new OriginPolicy(allowOrigins);
    this.hosts = new HostGuard(
      this.origins.any
        ? undefined
        : [...LOOPBACK_HOSTNAMES, urlHostname(host), ...this.origins.hostnames],
    );
  }

  /**
   * Throws the HttpError (400/403) a request or upgrade is refused with; otherwise returns its
   * `Origin` for the CORS answer (undefined when it sent none).
   */
  check(req: IncomingMessage): string | undefined {
    this.hosts.check(req);
    return this.origins.check(req);
  }

  /** Socket.IO's `allowRequest`: the same check for every engine.io request and upgrade. */
  readonly allowRequest = (
    req: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ): void => {
    try {
      this.check(req);
      callback(null, true);
    } catch (error) {
      callback(error instanceof HttpError ? error.message : String(error), false);
    }
  };

  /** Socket.IO's `cors.origin`: echo only an allowed origin. */
  readonly corsOrigin = (
    origin: string | undefined,
    callback: (error: Error | null, allow?: boolean | string) => void,
  ): void => {
    callback(null, origin === undefined ? false : this.origins.allows(origin, undefined) && origin);
  };
}
