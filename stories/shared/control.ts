/**
 * Framework-free fetch wrappers for the mock server's `/control/*` API, shared by the React and
 * Vue control panels. Every URL is same-origin and relative: the Storybooks proxy `/control` to
 * the mock server in dev, and `tidings-mock --static` serves the built Storybook itself.
 */

import type {
  Faults,
  MockStats,
  PublishInput,
  TransportName,
  TransportStats,
} from '@tidings/mock-server';

// The control API's shapes are the mock server's own types (type-only: nothing of the Node server
// reaches the browser bundle).
export type { Faults, MockStats, PublishInput, TransportStats };
/** A transport the mock server counts in `GET /control/stats`. */
export type StatsTransport = TransportName;

/** A message of the mock server's log, as every transport delivers it. */
export interface MockMessage<TData = unknown> {
  id: string;
  type: string;
  data: TData;
  ts: number;
  topic?: string;
}

/** The data of a `notification` message. */
export interface NotificationData {
  title: string;
  body: string;
  from: string;
}

/** The data of a `moderation` message (topic `moderation/alerts/<severity>`). */
export interface ModerationData {
  severity: Severity;
  reason: string;
  contentId: string;
}

export type Severity = 'low' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'high', 'critical'];

/** A `/control` call that did not answer 2xx. */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  readonly kind = 'http';
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(`${path}: ${status} ${message}`);
  }
}

async function call<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? 'POST',
    headers: init?.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const json: unknown = text === '' ? {} : JSON.parse(text);
  if (!response.ok) {
    const reason = (json as { error?: unknown }).error;
    throw new ControlError(path, response.status, String(reason ?? response.statusText));
  }
  return json as T;
}

const PEOPLE = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara'];
const NOTIFICATIONS = [
  ['New comment', 'commented on your pull request'],
  ['Build passed', 'fixed the flaky deploy job'],
  ['Mention', 'mentioned you in #release'],
  ['Review requested', 'asked you to review "Resume from cursor"'],
  ['Invitation', 'invited you to the tidings workspace'],
] as const;
const REASONS = ['spam', 'harassment', 'off-topic', 'phishing link'];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

/** A realistic notification, as a site would push for its unread badge. */
export function sampleNotification(): PublishInput {
  const from = pick(PEOPLE);
  const [title, action] = pick(NOTIFICATIONS);
  const data: NotificationData = { title, body: `${from} ${action}`, from };
  return { type: 'notification', data };
}

/** A moderation alert on `moderation/alerts/<severity>` (a random severity unless given). */
export function sampleModeration(severity: Severity = pick(SEVERITIES)): PublishInput {
  const data: ModerationData = {
    severity,
    reason: pick(REASONS),
    contentId: `post-${Math.floor(Math.random() * 10_000)}`,
  };
  return { type: 'moderation', topic: `moderation/alerts/${severity}`, data };
}

/** `POST /control/publish`: to every transport at once; resolves with the message and its id. */
export function publish(input: PublishInput = sampleNotification()): Promise<MockMessage> {
  return call('/control/publish', { body: input });
}

/** `POST /control/drop`: cut every live connection, as a network fault would. */
export function drop(): Promise<unknown> {
  return call('/control/drop');
}

/** `POST /control/faults`: `{}` clears them. */
export function setFaults(faults: Faults): Promise<Faults> {
  return call('/control/faults', { body: faults });
}

/** Every answer (and upgrade) waits `ms` first. @default 1500 */
export function addLatency(ms = 1500): Promise<Faults> {
  return setFaults({ latency: ms });
}

/** Half the requests (and upgrades) fail with `status`. @default 503 */
export function failHalf(status = 503): Promise<Faults> {
  return setFaults({ status, errorRate: 0.5 });
}

/** `POST /control/reset`: clears faults (and the log and stats; ids keep increasing). */
export function reset(): Promise<unknown> {
  return call('/control/reset');
}

/** `GET /control/stats`: requests, connections and bytes per transport. */
export function stats(): Promise<MockStats> {
  return call('/control/stats', { method: 'GET' });
}

/** The actions behind the control panel's buttons, keyed by their `data-testid` suffix. */
export const controls = {
  publish: () => publish(),
  drop,
  latency: () => addLatency(),
  fail: () => failHalf(),
  reset,
} as const;

export type ControlAction = keyof typeof controls;
