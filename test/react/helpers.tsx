import { cleanup } from '@testing-library/react';
import { createHub, type Hub } from '@tidings/core';
import { type MockServerOptions, startMockServer, type TransportName } from '@tidings/mock-server';
import { TidingsProvider } from '@tidings/react';
import { type ReactNode, StrictMode } from 'react';
import { afterEach } from 'vitest';
import { pageOrigins } from '../shared/mockServerHelpers';

export type MockServer = Awaited<ReturnType<typeof startMockServer>>;
export type { TransportName };

const servers: MockServer[] = [];

/** Starts a mock server on a free port (with `options`); it is closed after the test. */
export async function mockServer(
  options: Omit<MockServerOptions, 'port'> = {},
): Promise<MockServer> {
  const server = await startMockServer({ allowOrigins: pageOrigins(), ...options, port: 0 });
  servers.push(server);
  return server;
}

afterEach(async () => {
  cleanup();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fresh hub and the wrapper that provides it (optionally inside StrictMode). */
export function withHub(options: { strict?: boolean } = {}): {
  hub: Hub;
  wrapper: (props: { children: ReactNode }) => ReactNode;
} {
  const hub = createHub();
  const wrapper = ({ children }: { children: ReactNode }) => {
    const provided = <TidingsProvider hub={hub}>{children}</TidingsProvider>;
    return options.strict ? <StrictMode>{provided}</StrictMode> : provided;
  };
  return { hub, wrapper };
}

export {
  collectIds,
  fastReconnect,
  idOf,
  mockMessageId,
  stats,
  wsUrl,
} from '../shared/mockServerHelpers';

/**
 * A hand-driven clock to pass as `env`: "time passing" (`elapse()`) runs every pending timer, so
 * "nothing happens while closed/hidden" is checked without waiting on wall time.
 */
export function handClock() {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    env: {
      setTimeout: (fn: () => void) => {
        timers.set(++next, fn);
        return next;
      },
      clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    },
    /** How many timers are scheduled now. */
    pending: () => timers.size,
    /** Runs every timer scheduled so far (not the ones they schedule). */
    elapse(): void {
      for (const [handle, fn] of [...timers]) {
        timers.delete(handle);
        fn();
      }
    },
  };
}
