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

/** `POST /control/faults`: replaces the active faults (`{}` clears them); answers the new ones. */
export function setFaults(faults: Faults): Promise<Faults> {
  return call('/control/faults', { body: faults });
}

/** `GET /control/faults`: the faults in force, which outlive the story that set them. */
export function getFaults(): Promise<Faults> {
  return call('/control/faults', { method: 'GET' });
}

/** Clears every fault, and only that: the log and stats stay. */
export function clearFaults(): Promise<Faults> {
  return setFaults({});
}

/** Every answer (and upgrade) waits `ms` first. @default 1500 */
export function addLatency(ms = 1500): Promise<Faults> {
  return setFaults({ latency: ms });
}

/** Half the requests (and upgrades) fail with `status`. @default 503 */
export function failHalf(status = 503): Promise<Faults> {
  return setFaults({ status, errorRate: 0.5 });
}

/** The active faults as a reader says them: `latency 1500 ms, 50% of requests answer 503`. */
export function describeFaults(faults: Faults): string {
  const parts: string[] = [];
  if (faults.latency) parts.push(`latency ${faults.latency} ms`);
  if (faults.status) {
    const share = Math.round((faults.errorRate ?? 1) * 100);
    parts.push(`${share}% of requests answer ${faults.status}`);
  }
  if (faults.closeCode) parts.push(`/ws closes with ${faults.closeCode}`);
  return parts.join(', ');
}

/**
 * `POST /control/reset`: empties the message log, zeroes the stats and clears the faults, for
 * every open tab (ids keep increasing).
 */
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
  clear: clearFaults,
  reset,
} as const;

export type ControlAction = keyof typeof controls;

/** The control panel's buttons: label, what they do (a tooltip) and their look. */
export const controlButtons: Record<
  ControlAction,
  { label: string; title: string; tone?: 'primary' | 'danger' }
> = {
  publish: {
    label: 'Publish',
    title: 'POST /control/publish: one message to every transport',
    tone: 'primary',
  },
  drop: {
    label: 'Drop connections',
    title: 'POST /control/drop: cut every live connection, as a network fault would',
    tone: 'danger',
  },
  latency: { label: 'Latency 1.5 s', title: 'Every answer and upgrade waits 1500 ms' },
  fail: {
    label: 'Fail 50% (503)',
    title: 'Half the requests and upgrades answer 503',
    tone: 'danger',
  },
  clear: { label: 'Clear faults', title: 'POST /control/faults {}: no latency, no failures' },
  reset: {
    label: 'Reset server (log, stats, faults)',
    title:
      'POST /control/reset: empties the message log and the stats and clears the faults, for every open tab',
  },
};

/** The `className` of a control panel button. */
export function buttonClass(tone: 'primary' | 'danger' | undefined): string {
  return `tid-button${tone ? ` tid-${tone}` : ''}`;
}
