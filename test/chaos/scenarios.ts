import { createHub } from '@tidings/core';
import { vi } from 'vitest';
import { type DeliveryReport, deliveryReport } from './deliveryReport';
import type { MockProcess } from './mockProcess';
import { ChaosObserver } from './observer';
import { seededRandom } from './seededRandom';
import { CHAOS_TYPE, type ChaosSubject } from './subjects';

/** Messages per run, as the delivery promise is measured. */
export const MESSAGES = 2000;
/** Messages between two chances of a cut. */
const CHUNK = 10;
/** Chance of a cut after each chunk: about 30 cuts per 2,000 messages. */
const CUT_CHANCE = 0.15;
/**
 * How far the publisher may run ahead of the slowest consumer. Well below the mock server's 1,000
 * retained messages, so a run measures resume, not the (separately tested) eviction signal.
 */
const MAX_AHEAD = 400;
/** Generous bound on any one wait; the runs wait for events, never for a fixed time. */
export const WAIT = { timeout: 60_000, interval: 5 };

export interface ServerHandle {
  current: MockProcess;
}

/** What a consumer saw over a run, as the delivery report counts it. */
export interface Observation {
  received: number[];
  reconnects: number;
  resets: number;
  recoveries: number[];
}

/**
 * One consumer as a run drives it, wherever it lives: a `ChaosObserver` in this process, or one in
 * a browser page read through the page. Every wait resolves on the event, or fails after WAIT.
 */
export interface ChaosConsumer {
  /** Call right before the connection is cut, to time the recovery. */
  markCut(): Promise<void>;
  waitOpen(): Promise<void>;
  waitNotOpen(): Promise<void>;
  /** Resolves once the channel holds a resume position (a cursor). */
  waitPosition(): Promise<void>;
  /** Resolves once sequence number `n` has arrived. */
  waitReceived(n: number): Promise<void>;
  /** Closes the channel and returns what it saw. */
  finish(): Promise<Observation>;
}

/** The traits of a transport a run needs to know, wherever its consumers live. */
export type SubjectTraits = Pick<ChaosSubject, 'name' | 'survivesRestart' | 'keepsOrder'>;

export interface Run {
  subject: SubjectTraits;
  server: ServerHandle;
  seed: number;
  /**
   * Opens `count` consumers of one wire on the server at `url`.
   * @default ChaosObservers of `subject` (a ChaosSubject) in this process
   */
  consumers?: (url: string, count: number) => Promise<ChaosConsumer[]>;
}

let runs = 0;
const live = new Set<ChaosObserver>();

/** A ChaosObserver of this process as a run drives it. */
function inProcess(observer: ChaosObserver): ChaosConsumer {
  const until = (check: () => void) => vi.waitFor(check, WAIT);
  return {
    markCut: async () => observer.markCut(),
    waitOpen: () =>
      until(() => {
        if (observer.status !== 'open') throw new Error(`status ${observer.status}`);
      }),
    waitNotOpen: () =>
      until(() => {
        if (observer.status === 'open') throw new Error('still open');
      }),
    waitPosition: () =>
      until(() => {
        if (observer.channel.getState().cursor === undefined) throw new Error('no position yet');
      }),
    waitReceived: (n) =>
      until(() => {
        if (!observer.received.includes(n)) {
          throw new Error(`waiting for #${n}, highest ${observer.highest}`);
        }
      }),
    finish: async () => {
      observer.close();
      return observer;
    },
  };
}

async function consumers(run: Run, count: number): Promise<ChaosConsumer[]> {
  const { url } = run.server.current;
  if (run.consumers) return run.consumers(url, count);
  const hub = createHub();
  const runId = `${process.pid}-${++runs}`;
  const subject = run.subject as ChaosSubject;
  return Array.from({ length: count }, () => {
    const observer = new ChaosObserver(subject, url, hub, runId);
    live.add(observer);
    return inProcess(observer);
  });
}

/** Closes every consumer a run left open (a failed run stops before its own cleanup). */
export function closeAllConsumers(): void {
  for (const o of live) o.close();
  live.clear();
}

async function waitAllOpen(observers: ChaosConsumer[]): Promise<void> {
  await Promise.all(observers.map((o) => o.waitOpen()));
}

/** Waits until every consumer has received sequence number `n`. */
async function waitFor(observers: ChaosConsumer[], n: number): Promise<void> {
  await Promise.all(observers.map((o) => o.waitReceived(n)));
}

async function publish(server: MockProcess, n: number, published: number[]): Promise<void> {
  await server.publish({ type: CHAOS_TYPE, data: { n } });
  published.push(n);
}

/**
 * Publishes `from`..`to - 1`, cutting every connection at seeded random chunk boundaries, and
 * never more than MAX_AHEAD past the slowest consumer. Returns the number of cuts.
 */
async function publishWithCuts(
  run: Run,
  observers: ChaosConsumer[],
  range: { from: number; to: number },
  published: number[],
): Promise<number> {
  const random = seededRandom(run.seed);
  let cuts = 0;
  for (let n = range.from; n < range.to; n++) {
    await publish(run.server.current, n, published);
    if ((n + 1) % CHUNK !== 0) continue;
    if (random() < CUT_CHANCE) {
      await Promise.all(observers.map((o) => o.markCut()));
      await run.server.current.drop();
      cuts++;
    }
    const floor = n - MAX_AHEAD;
    if (floor >= range.from) await waitFor(observers, floor);
  }
  return cuts;
}

/**
 * Publishes a last message and waits for it: the stream is in order, so once it arrives anything
 * a replay would have repeated has arrived too, and the counts are final.
 */
async function finish(
  run: Run,
  scenario: string,
  observers: ChaosConsumer[],
  published: number[],
): Promise<DeliveryReport[]> {
  const last = (published.at(-1) ?? -1) + 1;
  await publish(run.server.current, last, published);
  await waitFor(observers, last);
  const seen = await Promise.all(observers.map((o) => o.finish()));
  return seen.map((o, index) =>
    deliveryReport({
      transport: run.subject.name,
      scenario: observers.length > 1 ? `${scenario} (consumer ${index + 1})` : scenario,
      published,
      received: o.received,
      reconnects: o.reconnects,
      resets: o.resets,
      recoveries: o.recoveries,
    }),
  );
}

export interface CutsResult {
  reports: DeliveryReport[];
  cuts: number;
}

/** 2,000 numbered messages with seeded random cuts, to `consumerCount` consumers of one wire. */
export async function runCuts(
  run: Run,
  consumerCount = 1,
  scenario = 'random cuts',
): Promise<CutsResult> {
  const observers = await consumers(run, consumerCount);
  await waitAllOpen(observers);
  const published: number[] = [];
  const cuts = await publishWithCuts(run, observers, { from: 0, to: MESSAGES }, published);
  return { reports: await finish(run, scenario, observers, published), cuts };
}

/** The same, while 30% of requests and upgrades fail with 503 and each waits 150 ms. */
export async function runFaults(run: Run): Promise<CutsResult> {
  const observers = await consumers(run, 1);
  await waitAllOpen(observers);
  await run.server.current.setFaults({ status: 503, errorRate: 0.3, latency: 150 });
  try {
    const published: number[] = [];
    const cuts = await publishWithCuts(run, observers, { from: 0, to: MESSAGES }, published);
    await run.server.current.setFaults({});
    return { reports: await finish(run, '503 + latency + cuts', observers, published), cuts };
  } finally {
    await run.server.current.setFaults({});
  }
}

/**
 * Half the messages, then the server process is killed (its log gone) and a new one starts on the
 * same port and takes the other half, up to MAX_AHEAD published before the client is back.
 */
export async function runRestart(run: Run): Promise<DeliveryReport[]> {
  const observers = await consumers(run, 1);
  await waitAllOpen(observers);
  const published: number[] = [];
  const half = MESSAGES / 2;
  for (let n = 0; n < half; n++) await publish(run.server.current, n, published);
  await waitFor(observers, half - 1);
  await Promise.all(observers.map((o) => o.markCut()));
  run.server.current = await run.server.current.restart();
  for (let n = half; n < MESSAGES; n++) {
    await publish(run.server.current, n, published);
    // The new log holds 1,000 messages: a client slow to notice the crash (an iframe learns of it
    // only from silence) must not come back to a log that has already evicted what it missed.
    const floor = n - MAX_AHEAD;
    if (floor >= half) await waitFor(observers, floor);
  }
  return finish(run, 'server killed + restarted', observers, published);
}

/**
 * The first connection opens, then goes down before any message; 20 messages are published while
 * every reconnect is refused. The first open must have established a position.
 */
export async function runFirstDown(run: Run): Promise<DeliveryReport[]> {
  const observers = await consumers(run, 1);
  await waitAllOpen(observers);
  // The position arrives right after the open, where the transport has one.
  if (run.subject.survivesRestart) await Promise.all(observers.map((o) => o.waitPosition()));
  const server = run.server.current;
  await server.setFaults({ status: 503, errorRate: 1 });
  await Promise.all(observers.map((o) => o.markCut()));
  await server.drop();
  await Promise.all(observers.map((o) => o.waitNotOpen()));
  const published: number[] = [];
  for (let n = 0; n < 20; n++) await publish(server, n, published);
  await server.setFaults({});
  return finish(run, 'first connection down', observers, published);
}
