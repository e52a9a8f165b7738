/**
 * `messageId` for the mock server's messages: the log id each one carries is its delivery id, so
 * a resume after a drop delivers every message exactly once. A payload's fields are never read
 * by tidings on its own.
 */
export function mockMessageId(message: unknown): string | undefined {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
