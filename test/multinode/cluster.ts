import { type MockServer, startMockServer, type TransportName } from '@tidings/mock-server';
import { expect, vi } from 'vitest';
import { type MockProcess, startMockProcess } from '../chaos/mockProcess';
import { type RedisServer, startRedisServer } from './redisServer';
import { type RoundRobinProxy, startRoundRobinProxy } from './roundRobinProxy';

/**
 * A Redis, `size` mock-server processes sharing their log through it, a round-robin balancer in
 * front of them, and a node of the test's own (never killed, not behind the balancer) to publish
 * through: a message published there reaches clients on every node only through Redis.
 */
export interface Cluster {
  redis: RedisServer;
  /** Replaced in place when a node is restarted. */
  nodes: MockProcess[];
  proxy: RoundRobinProxy;
  publisher: MockServer<true>;
  /** Notifications published so far: the `n` of the next one. */
  readonly published: number;
  /**
   * Publishes `count` notifications through the publisher, one after another, each with
   * `data: { n }`, `n` counting every publish of the cluster from 0; returns the ids.
   */
  publish(count: number): Promise<string[]>;
  /** The index of the one node holding a `transport` connection, by its stats. */
  nodeServing(transport: TransportName): Promise<number>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** A folder every node serves (`--static`): a page a browser opens through the balancer. */
  staticDir?: string;
}

export async function startCluster(size: number, options: ClusterOptions = {}): Promise<Cluster> {
  const redis = await startRedisServer();
  const proxy = await startRoundRobinProxy([]);
  // A page opened through the balancer has the balancer's origin: every node accepts it.
  const nodes = await Promise.all(
    Array.from({ length: size }, () =>
      startMockProcess({ redis: redis.url, allowOrigins: [proxy.url], ...options }),
    ),
  );
  proxy.targets = nodes.map((node) => node.port);
  // The last resort when the test process ends without afterAll (a crash, Ctrl-C): no node is
  // left running (kill() sends SIGKILL before it first waits).
  const killOnExit = () => {
    for (const node of nodes) void node.kill();
  };
  process.once('exit', killOnExit);
  const publisher = await startMockServer({ port: 0, redis: redis.url });
  let published = 0;
  return {
    redis,
    nodes,
    proxy,
    publisher,
    get published() {
      return published;
    },
    async publish(count) {
      const ids: string[] = [];
      for (let n = 0; n < count; n++) {
        const message = await publisher.publish({ type: 'notification', data: { n: published++ } });
        ids.push(message.id);
      }
      return ids;
    },
    async nodeServing(transport) {
      let serving = -1;
      await vi.waitFor(
        async () => {
          const open = await Promise.all(
            nodes.map(async (node) => {
              const response = await fetch(`${node.url}/control/stats`).catch(() => undefined);
              if (!response?.ok) return 0;
              const stats = (await response.json()) as {
                transports: Record<TransportName, { connections: number }>;
              };
              return stats.transports[transport].connections;
            }),
          );
          expect(open.filter((count) => count > 0)).toHaveLength(1);
          serving = open.findIndex((count) => count > 0);
        },
        { timeout: 10_000, interval: 20 },
      );
      return serving;
    },
    async close() {
      process.off('exit', killOnExit);
      await publisher.close();
      await proxy.close();
      await Promise.all(nodes.map((node) => node.kill()));
      await redis.stop();
    },
  };
}
