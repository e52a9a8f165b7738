import { startMockServer } from '@tidings/mock-server';
import { describe, expect, it } from 'vitest';
import { WAIT_CEILING_MS } from '../shared/waitCeilings';

const timeouts = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('latency fault', () => {
  it('leaves nothing behind for a client that left during the delay', async () => {
    const before = timeouts();
    // A long heartbeat and long-poll timeout: a leaked one would still be pending after close().
    const server = await startMockServer({ port: 0, heartbeatMs: 60_000 });
    server.setFaults({ latency: 300 });
    const paths = ['/api/sse', '/iframe/stream', '/api/long-poll?timeout=60000'];
    const controllers = paths.map(() => new AbortController());
    const requests = paths.map((path, index) =>
      fetch(`${server.url}${path}`, { signal: controllers[index]?.signal }).catch(() => undefined),
    );
    // Each request is counted before its latency gate, so all three are waiting in it now.
    await expect
      .poll(
        () => {
          const { sse, iframe, longPoll } = server.stats().transports;
          return sse.requests + iframe.requests + longPoll.requests;
        },
        // Three fetches reaching the server: not bounded by expect.poll's 1 s default.
        { timeout: WAIT_CEILING_MS },
      )
      .toBe(3);
    for (const controller of controllers) controller.abort();
    await Promise.all(requests);

    // Same latency, started later: its gate opens after theirs, so their routes have run by now.
    const probe = await fetch(`${server.url}/api/notifications`);
    expect(probe.status).toBe(200);
    await probe.arrayBuffer();

    const { sse, iframe, longPoll } = server.stats().transports;
    expect([sse.connections, iframe.connections, longPoll.connections]).toEqual([0, 0, 0]);
    expect([sse.opened, iframe.opened, longPoll.opened]).toEqual([0, 0, 0]);
    await server.close();
    expect(timeouts()).toBeLessThanOrEqual(before);
  });
});
