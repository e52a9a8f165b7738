import type { MockMessage, ModerationData, NotificationData } from './control';

/** One line of a story's message log, framework-free so React and Vue show the same text. */
export interface LogLine {
  id: string;
  text: string;
  meta: string;
}

function field(data: unknown, name: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[name];
  return value === undefined ? undefined : String(value);
}

/** `14:03:22`, from a message's server timestamp. */
export function clock(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour12: false });
}

/** What a reader wants to see of a mock server message: who said what, of which type, when. */
export function describeMessage(message: MockMessage): LogLine {
  const { data } = message;
  let text: string;
  if (message.type === 'notification') {
    const note = data as Partial<NotificationData>;
    text = [note.title, note.body].filter(Boolean).join(' — ');
  } else if (message.type === 'moderation') {
    const alert = data as Partial<ModerationData>;
    text = `${alert.severity ?? '?'}: ${alert.reason ?? ''} on ${alert.contentId ?? '?'}`;
  } else if (message.type === 'chat') {
    text = `${field(data, 'user') ?? '?'}: ${field(data, 'text') ?? ''}`;
  } else {
    text = JSON.stringify(data);
  }
  return { id: message.id, text, meta: `${message.type} · ${clock(message.ts)}` };
}

/** Keeps the last `limit` items of a growing list: the `reduce` every log story uses. */
export function appendTo<T>(limit: number) {
  return (list: T[] | undefined, item: T): T[] => [...(list ?? []), item].slice(-limit);
}
