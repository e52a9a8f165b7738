import { type Channel, createHub, createSSE, type SSEOptions } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Note {
  id: string;
  type: string;
  data: { n: number };
}

/**
 * The subscription scenarios every SSE transport must pass against the real mock server: receive,
 * resume after a drop with no gap and no duplicate, a refused status stops, a malformed frame.
 * `probes`: requests the transport adds when it classifies a refusal (native's probe GET).
 */
export function describeSubscription(
  name: string,
  options: Pick<SSEOptions<Note>, 'transport' | 'env' | 'polyfill'>,
  probes = 0,
) {
  describe(`createSSE ${name} against the mock server`, () => {
    let server: MockServer;
    const channels: Array<Channel<Note>> = [];

    beforeEach(async () => {
      server = await startMockServer({ port: 0 });
    });
    afterEach(async () => {
      for (const channel of channels.splice(0)) channel.close();
      await server.close();
    });

    function open() {
      const seen: Note[] = [];
      const channel = createSSE<Note>(`${server.url}/api/sse`, {
        ...options,
        events: ['notification'],
        reconnect: { minDelay: 10, maxDelay: 50 },
        hub: createHub(),
        notify: 'sync',
        onMessage: (note) => seen.push(note),
      });
      channels.push(channel);
      channel.connect();
      return { channel, seen };
    }

    it("receives the event types in `events`, with the mock server's ids as cursor", async () => {
      const { channel, seen } = open();
      await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
      server.publish({ type: 'other', data: { n: 0 } });
      const sent = server.publish({ type: 'notification', data: { n: 1 } });
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]).toMatchObject({ id: sent.id, type: 'notification', data: { n: 1 } });
      expect(channel.getState()).toMatchObject({ cursor: sent.id, error: null, received: 1 });
    });

    it('resumes after server.drop() with no gap and no duplicate', async () => {
      const { channel, seen } = open();
      await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
      const sent = [server.publish({ type: 'notification', data: { n: 1 } })];
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      server.drop();
      // Published while the client is cut off: they must come back through the resume cursor.
      sent.push(server.publish({ type: 'notification', data: { n: 2 } }));
      sent.push(server.publish({ type: 'notification', data: { n: 3 } }));
      await vi.waitFor(() => expect(seen).toHaveLength(3));
      sent.push(server.publish({ type: 'notification', data: { n: 4 } }));
      await vi.waitFor(() => expect(seen).toHaveLength(4));
      expect(seen.map((note) => note.id)).toEqual(sent.map((message) => message.id));
      expect(server.stats().transports.sse.opened).toBeGreaterThanOrEqual(2);
      expect(channel.getState()).toMatchObject({ status: 'open', cursor: sent[3]?.id });
    });

    it('stops on a 401 without retrying', async () => {
      server.setFaults({ status: 401 });
      const { channel } = open();
      await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
      expect(channel.getState().error).toMatchObject({
        kind: 'auth',
        status: 401,
        retryable: false,
      });
      // Closed means no timer is left: nothing can ask again.
      expect(server.stats().transports.sse.requests).toBe(1 + probes);
    });

    it('reports a malformed frame as a parse error and still delivers the next one', async () => {
      const { channel, seen } = open();
      const errors: string[] = [];
      channel.setOptions({ onError: (error) => errors.push(error.kind) });
      await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
      server.publish({ type: 'notification', raw: '{not json' });
      const good = server.publish({ type: 'notification', data: { n: 2 } });
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]?.id).toBe(good.id);
      expect(errors).toEqual(['parse']);
      expect(channel.getState()).toMatchObject({ status: 'open', error: { kind: 'parse' } });
    });
  });
}
