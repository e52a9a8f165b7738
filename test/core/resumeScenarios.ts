import type { ChannelState, TidingsError } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What a scenario needs of a channel opened against the mock server. */
export interface ResumeSubject {
  channel: { getState(): ChannelState<unknown>; close(): void };
  /** Delivery ids of the messages received, in order. */
  ids: string[];
  errors: TidingsError[];
}

/** Opens a connected channel on `url` (the server's base URL) reading `notification` messages. */
export type OpenSubject = (url: string) => ResumeSubject;

const publish = (server: MockServer, count: number) =>
  Array.from({ length: count }, (_, n) => server.publish({ type: 'notification', data: { n } }).id);

/**
 * The resume scenarios every resumable transport must pass against the real mock server (issue 9
 * items 2, 3 and 4): a restart on the same port, a cursor that fell out of the log, and messages
 * published while the first connection was down before any message arrived.
 */
export function describeResume(
  name: string,
  open: OpenSubject,
  /** Socket.IO: the server's session recovery restores a dropped session whole, log or not. */
  { sessionRecovery = false }: { sessionRecovery?: boolean } = {},
) {
  describe(`${name}: resume protocol against the mock server`, () => {
    let server: MockServer;
    const subjects: ResumeSubject[] = [];

    beforeEach(async () => {
      server = await startMockServer({ port: 0 });
    });
    afterEach(async () => {
      for (const subject of subjects.splice(0)) subject.channel.close();
      await server.close();
    });

    function start(): ResumeSubject {
      const subject = open(server.url);
      subjects.push(subject);
      return subject;
    }

    /** The channel is open and holds a position (the server stated one, or a message moved it). */
    async function positioned(subject: ResumeSubject) {
      await vi.waitFor(() => {
        expect(subject.channel.getState()).toMatchObject({ status: 'open' });
        expect(subject.channel.getState().cursor).toBeDefined();
      });
    }

    /** Cuts every connection and refuses new ones until `up()`; runs `meanwhile` while down. */
    async function whileDown(subject: ResumeSubject, meanwhile: () => void) {
      server.setFaults({ status: 503 });
      server.drop();
      await vi.waitFor(() => expect(subject.channel.getState().status).not.toBe('open'));
      meanwhile();
      server.setFaults({});
    }

    it('first open: 20 messages published while the first connection is down all arrive', async () => {
      const subject = start();
      await positioned(subject);
      expect(subject.ids).toEqual([]);
      let sent: string[] = [];
      await whileDown(subject, () => {
        sent = publish(server, 20);
      });
      await vi.waitFor(() => expect(subject.ids).toHaveLength(20), { timeout: 10_000 });
      expect(subject.ids).toEqual(sent);
      expect(subject.errors.map((error) => error.kind)).not.toContain('reset');
    });

    it('a server restarted on the same port: a reset error, then the new server is heard', async () => {
      const subject = start();
      await positioned(subject);
      const before = publish(server, 2);
      await vi.waitFor(() => expect(subject.ids).toEqual(before));
      const { port } = server;
      await server.close();
      server = await startMockServer({ port });
      await vi.waitFor(() => expect(subject.errors.map((error) => error.kind)).toContain('reset'), {
        timeout: 10_000,
      });
      const reset = subject.errors.find((error) => error.kind === 'reset');
      expect(reset).toMatchObject({ retryable: false });
      expect(reset?.message).toContain('unknown-cursor');
      expect(subject.channel.getState().status).toBe('open');
      const after = publish(server, 3);
      await vi.waitFor(() => expect(subject.ids).toEqual([...before, ...after]));
      expect(subject.channel.getState()).toMatchObject({ status: 'open', cursor: after[2] });
    });

    // Socket.IO recovers a dropped session from its own store, so its log floor is never reached
    // that way (a fresh channel with an evicted cursor is tested in its own suite).
    const evictionCase = sessionRecovery ? recoveredCase : evictedCase;
    evictionCase();

    function recoveredCase() {
      it('a session recovered after 1,005 messages: every one arrives, no reset', async () => {
        const subject = start();
        await positioned(subject);
        const first = publish(server, 1);
        await vi.waitFor(() => expect(subject.ids).toEqual(first));
        let during: string[] = [];
        await whileDown(subject, () => {
          during = publish(server, 1005);
        });
        await vi.waitFor(() => expect(subject.ids).toHaveLength(1006), { timeout: 10_000 });
        expect(subject.ids).toEqual([...first, ...during]);
        expect(subject.errors.map((error) => error.kind)).not.toContain('reset');
      });
    }

    function evictedCase() {
      it('a cursor evicted from the 1,000-message log: a reset error, then all the log still holds', async () => {
        const subject = start();
        await positioned(subject);
        const first = publish(server, 1);
        await vi.waitFor(() => expect(subject.ids).toEqual(first));
        let during: string[] = [];
        await whileDown(subject, () => {
          during = publish(server, 1005);
        });
        await vi.waitFor(
          () => expect(subject.errors.map((error) => error.kind)).toContain('reset'),
          { timeout: 10_000 },
        );
        expect(subject.errors.find((error) => error.kind === 'reset')?.message).toContain(
          'cursor-evicted',
        );
        // The 5 evicted messages are gone; the 1,000 the log still holds are replayed, in order.
        const held = during.slice(5);
        await vi.waitFor(() => expect(subject.ids).toEqual([...first, ...held]), {
          timeout: 10_000,
        });
        const after = publish(server, 2);
        await vi.waitFor(() => expect(subject.ids).toEqual([...first, ...held, ...after]));
        expect(subject.channel.getState().status).toBe('open');
      });
    }
  });
}
