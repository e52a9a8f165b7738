import type { TidingsError } from '../errors';
import { applySseSignal, POSITION_EVENT, RESET_EVENT } from '../resumeSignal';
import type { AttemptContext } from '../wire';
import { type SSEConfig, sseFrame } from './sseConfig';

/** The part of an EventSource (native or `event-source-polyfill`) the drivers use. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

const CLOSED = 2;

/**
 * Why an EventSource fired `error`. `closedByAgent` is true when the agent itself gave up
 * (readyState CLOSED: a refused response), false when it meant to reconnect on its own schedule.
 */
export type ClassifyError = (
  event: Event,
  closedByAgent: boolean,
) => TidingsError | Promise<TidingsError>;

/**
 * Wires one EventSource to an attempt and returns its teardown. The EventSource is closed on its
 * first error: the wire reconnects, so backoff, retry limits and the non-retry rules apply, instead
 * of the agent's own fixed schedule.
 */
export function watchEventSource(
  source: EventSourceLike,
  config: SSEConfig,
  context: AttemptContext,
  classify: ClassifyError,
): () => void {
  // EventSource's lastEventId persists across events; an event carried its own `id:` only when
  // the value changed. Passing a repeated value as the id would make the wire drop it as a duplicate.
  let previousId: string | undefined;
  source.addEventListener('open', () => context.opened());
  // The resume protocol's events: the position or the reset's new position is the last event id.
  for (const type of [POSITION_EVENT, RESET_EVENT]) {
    source.addEventListener(type, (event) => {
      const { data, lastEventId = '' } = event as MessageEvent<unknown> & { lastEventId?: string };
      if (typeof data !== 'string') return;
      previousId = lastEventId;
      applySseSignal(type, lastEventId, data, context);
    });
  }
  for (const type of new Set(config.events)) {
    if (type === POSITION_EVENT || type === RESET_EVENT) continue;
    source.addEventListener(type, (event) => {
      const { data, lastEventId = '' } = event as MessageEvent<unknown> & { lastEventId?: string };
      if (typeof data !== 'string') return;
      const own = lastEventId !== '' && lastEventId !== previousId;
      previousId = lastEventId;
      const frame = { type, data, id: own ? lastEventId : undefined, lastEventId };
      context.frame(sseFrame(frame, config, context));
    });
  }
  source.addEventListener('error', (event) => {
    // A server event named "error" is a message, not a connection failure.
    if (typeof (event as MessageEvent<unknown>).data === 'string') return;
    const closedByAgent = source.readyState === CLOSED;
    source.close();
    void Promise.resolve(classify(event, closedByAgent)).then((error) => context.fail(error));
  });
  return () => source.close();
}
