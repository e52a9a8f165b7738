// By path, like the e2e setup: a fresh clone has no built dist/ for the package to resolve to.
import { startMockServer } from '../packages/mock-server/src/index';
import type { MockServer } from '../packages/mock-server/src/types';
import { pagesOut } from './buildPages';

export type { MockServer };

/** The real mock server, serving the bench pages from the same origin as its endpoints. */
export function startBenchServer(): Promise<MockServer> {
  // A heartbeat slower than any scenario: its pings must not land inside a measurement.
  return startMockServer({ port: 0, staticDir: pagesOut, heartbeatMs: 600_000 });
}

/** Server-side open connections of the transports the bench uses. */
export function openConnections(server: MockServer): number {
  const { transports } = server.stats();
  return transports.ws.connections + transports.sse.connections;
}

/** Polls until `check` holds (the server and the page run in other processes), or gives up. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

/** Waits for `read()` to give the same value `times` polls in a row, `everyMs` apart. */
export async function stable<T>(
  read: () => T | Promise<T>,
  times = 5,
  everyMs = 100,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  let same = 0;
  while (same < times && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const next = await read();
    same = next === value ? same + 1 : 0;
    value = next;
  }
  return value;
}

/** Epoch ms with sub-ms resolution, comparable with the page's `timeOrigin + now()`. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** Publishes one bench message carrying its seq and the time it was emitted. */
export function emit(server: MockServer, seq: number, type = 'bench'): number {
  const sentAt = epochNow();
  server.publish({ type, data: { seq, sentAt } });
  return sentAt;
}
