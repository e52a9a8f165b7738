import type { ChannelState, TidingsError } from '@tidings/core';
import { createHub } from '@tidings/core';
import type { TransportName } from '@tidings/mock-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MockProcess } from '../chaos/mockProcess';
import { type Cluster, startCluster } from './cluster';

// Issue 13, item 3: several mock-server processes serve one log kept in Redis, behind a
// round-robin TCP balancer. The node a client is on is killed (SIGKILL: no close frame, no
// goodbye) while messages are published; the client reconnects through the balancer to another
// node, resumes from its cursor there, and gets every message exactly once, in order.

export type Note = { id: string; type: string };

/** A connected channel reading `notification` messages, and what it delivered. */
export interface Subject {
  channel: {
    getState(): ChannelState<unknown>;
    subscribe(onChange: () => void): () => void;
    close(): void;
  };
  /** Delivery ids of the messages the app received, in order. */
  ids: string[];
  /** When each id was first delivered (`performance.now()`). */
  arrivals: Map<string, number>;
  errors: TidingsError[];
  /** MQTT has no position signal: its cursor is the id of its first message. */
  cursorOnOpen?: false;
  /** Ids the client library received, before the channel's dedupe (where a transport exposes them). */
  wireIds?: string[];
}

/** A name, the stats key of the connection it holds, and how to open it on a base URL. */
export type KillSubject = [name: string, transport: TransportName, open: (url: string) => Subject];

const NODES = 3;
/** Published before the kill, while the node is down, and after the client is back. */
const BATCH = 200;

export const messageId = (message: unknown) => (message as Note | null)?.id;

export function common(subject: Pick<Subject, 'errors'>) {
  return {
    hub: createHub(),
    notify: 'sync' as const,
    reconnect: { minDelay: 10, maxDelay: 50 },
    onError: (error: TidingsError) => subject.errors.push(error),
  };
}

export function subject<TChannel extends Subject['channel'] & { connect(): void }>(
  make: (sink: Pick<Subject, 'ids' | 'errors'>) => TChannel,
): Subject {
  const sink = { ids: [] as string[], errors: [] as TidingsError[] };
  const channel = make(sink);
  const arrivals = new Map<string, number>();
  let timed = 0;
  // Deliveries change the channel's state (its cursor), so each is timed as it happens.
  channel.subscribe(() => {
    for (; timed < sink.ids.length; timed++) {
      const id = sink.ids[timed] as string;
      if (!arrivals.has(id)) arrivals.set(id, performance.now());
    }
  });
  channel.connect();
  return { channel, arrivals, ...sink };
}

/** What each kill cost, per transport: printed with TIDINGS_FIGURES=1 for the docs. */
const figures: Array<Record<string, string | number>> = [];

/** The node-kill scenario for each subject, on a cluster of three nodes shared by the file. */
export function describeNodeKill(subjects: KillSubject[]) {
  describe(`${NODES} mock-server nodes on one Redis log, behind a round-robin balancer`, () => {
    let cluster: Cluster;
    const opened: Subject[] = [];

    beforeAll(async () => {
      cluster = await startCluster(NODES);
    }, 60_000);

    afterAll(async () => {
      for (const client of opened.splice(0)) client.channel.close();
      await cluster?.close();
      if (process.env.TIDINGS_FIGURES) console.table(figures);
    });

    it.each(subjects)(
      '%s: its node is killed mid-stream; it resumes on another node, nothing lost or repeated',
      async (name, transport, open) => {
        const { nodes, proxy } = cluster;
        const client = open(proxy.url);
        opened.push(client);
        await vi.waitFor(
          () => {
            expect(client.channel.getState().status).toBe('open');
            if (client.cursorOnOpen !== false) {
              expect(client.channel.getState().cursor).toBeDefined();
            }
          },
          { timeout: 10_000 },
        );
        const victimIndex = await cluster.nodeServing(transport);
        const victim = nodes[victimIndex] as MockProcess;

        const sent: string[] = [];
        const publish = async (count: number) => {
          sent.push(...(await cluster.publish(count)));
        };

        await publish(BATCH);
        // Killed while the stream is flowing: some of the batch arrived, the rest is in flight.
        await vi.waitFor(() => expect(client.ids.length).toBeGreaterThan(0), { timeout: 10_000 });
        const killedAt = performance.now();
        await victim.kill();
        await publish(BATCH);
        const firstAfterKill = sent[BATCH] as string;
        const missedUpTo = sent.at(-1) as string;
        await vi.waitFor(() => expect(client.ids).toContain(missedUpTo), { timeout: 15_000 });
        const resumedMs = performance.now() - killedAt;

        const rescuer = await cluster.nodeServing(transport);
        expect(rescuer).not.toBe(victimIndex);
        await publish(BATCH);
        await vi.waitFor(() => expect(client.ids.length).toBeGreaterThanOrEqual(sent.length), {
          timeout: 15_000,
        });

        const received = new Set(client.ids);
        figures.push({
          transport: name,
          published: sent.length,
          lost: sent.filter((id) => !received.has(id)).length,
          duplicated: client.ids.length - received.size,
          ...(client.wireIds && {
            'received twice on the wire (dropped by messageId)':
              client.wireIds.length - new Set(client.wireIds).size,
          }),
          'kill to first message published after it (ms)': Math.round(
            (client.arrivals.get(firstAfterKill) ?? Number.NaN) - killedAt,
          ),
          'kill to every missed message in (ms)': Math.round(resumedMs),
        });
        expect(client.ids).toEqual(sent);
        expect(client.errors.map((error) => error.kind)).not.toContain('reset');
        expect(client.channel.getState()).toMatchObject({ status: 'open', cursor: sent.at(-1) });

        client.channel.close();
        // The killed node comes back on its port for the next transport.
        nodes[victimIndex] = await victim.restart();
      },
      60_000,
    );
  });
}
