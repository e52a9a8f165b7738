import { callApp } from '../../callApp';
import { TidingsError } from '../../errors';
import type { FrameMeta } from '../../types';
import type { AttemptContext, Frame } from '../../wire';

/**
 * Reads the delivery id of a message: the key for dropping a duplicate and the cursor a resume
 * starts from. Called with the decoded payload (the JSON value when the frame is JSON, else the
 * raw text). Return undefined when the message has none.
 *
 * @example
 * // The mock server's messages carry the log's id:
 * createWebSocket('/ws', { messageId: (message) => (message as { id?: string }).id });
 */
export type MessageId = (message: unknown, meta: FrameMeta) => string | undefined;

/**
 * Calls the app's `messageId` on one frame. A throw or a value that is not a string means "no id"
 * (the frame is still delivered, without dedupe) and is reported, so a bug there never breaks
 * the handler of the transport.
 */
export function readMessageId(
  messageId: MessageId | undefined,
  frame: Pick<Frame, 'raw' | 'meta' | 'json'>,
  context: Pick<AttemptContext, 'report'>,
): string | undefined {
  if (!messageId) return undefined;
  const decoded = frame.json?.ok ? frame.json.value : frame.raw;
  const id: unknown = callApp(
    'messageId',
    () => messageId(decoded, frame.meta),
    (error) => context.report(error),
    undefined,
  );
  if (id === undefined || typeof id === 'string') return id;
  context.report(
    new TidingsError('config', `messageId must return a string or undefined, got ${typeof id}`, {
      retryable: false,
    }),
  );
  return undefined;
}

/**
 * How `messageId` counts in a wire's sharing key: only whether one is given. An inline closure is
 * a new function on every call (and every render), and must not open a second connection; the
 * channels that share a wire use the `messageId` of the one that created it (the bindings pass a
 * stable wrapper that calls the latest closure).
 */
export function messageIdKey(messageId: unknown): boolean {
  return typeof messageId === 'function';
}
