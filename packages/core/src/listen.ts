import type { EventTargetLike } from './env';

/** Adds a listener and returns its disposer, so owners keep one list of disposers. */
export function listen(
  target: EventTargetLike | undefined,
  type: string,
  listener: (event: Event) => void,
): () => void {
  if (!target) return () => {};
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}
