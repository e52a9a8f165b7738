import type { PublishInput } from './types';

const PEOPLE = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara'];
const NOTIFICATIONS = [
  ['New comment', 'commented on your pull request'],
  ['Build passed', 'fixed the flaky deploy job'],
  ['Mention', 'mentioned you in #release'],
  ['Review requested', 'asked you to review "Resume from cursor"'],
  ['Invitation', 'invited you to the tidings workspace'],
] as const;
const CHAT = ['Deploying now', 'Looks good to me', 'Can someone check the SSE demo?', 'Back in 5'];
const SEVERITIES = ['low', 'high', 'critical'] as const;
const REASONS = ['spam', 'harassment', 'off-topic', 'phishing link'];

/** `pick(list)` with an injectable random source, so tests can choose the branch. */
const pick = <T>(list: readonly T[], random: () => number): T =>
  list[Math.floor(random() * list.length)] as T;

/** A realistic message: mostly notifications, sometimes moderation alerts or chat lines. */
export function demoMessage(random: () => number = Math.random): PublishInput {
  const roll = random();
  const from = pick(PEOPLE, random);
  if (roll < 0.7) {
    const [title, action] = pick(NOTIFICATIONS, random);
    return { type: 'notification', data: { title, body: `${from} ${action}`, from } };
  }
  if (roll < 0.85) {
    const severity = pick(SEVERITIES, random);
    const reason = pick(REASONS, random);
    const contentId = `post-${Math.floor(random() * 10_000)}`;
    return {
      type: 'moderation',
      topic: `moderation/alerts/${severity}`,
      data: { severity, reason, contentId },
    };
  }
  return { type: 'chat', data: { user: from, text: pick(CHAT, random) } };
}

/** Publishes a demo message every `interval` ms; returns the stop function. */
export function startDemo(publish: (input: PublishInput) => void, interval: number): () => void {
  const timer = setInterval(() => publish(demoMessage()), interval);
  // The demo alone must not keep a process (a test runner) alive.
  timer.unref();
  return () => clearInterval(timer);
}
