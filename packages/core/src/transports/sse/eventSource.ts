import type { TidingsError } from '../../errors';
import type { AttemptContext } from '../../wire';
import { applySseSignal, POSITION_EVENT, RESET_EVENT } from '../common/resumeSignal';
import { type SSEConfig, sseFrame } from './config';

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
  /** Called on every sign of life the EventSource shows (its open and each listened event). */
  alive: () => void = () => undefined,
): () => void {
  // EventSource's lastEventId persists across events; an event carried its own `id:` only when
  // the value changed. Passing a repeated value as the id would make the wire drop it as a duplicate.
  // Within one connection the value changes only through `id:` fields, so a change to '' is an
  // empty `id:`: WHATWG resets the last event id, and no cursor must be sent on reconnect.
  let previousId: string | undefined;
  source.addEventListener('open', () => {
    alive();
    context.opened();
  });
  // The resume protocol's events: the position or the reset's new position is the last event id.
  for (const type of [POSITION_EVENT, RESET_EVENT]) {
    source.addEventListener(type, (event) => {
      const { data, lastEventId = '' } = event as MessageEvent<unknown> & { lastEventId?: string };
      if (typeof data !== 'string') return;
      alive();
      previousId = lastEventId;
      applySseSignal(type, lastEventId, data, context);
    });
  }
  for (const type of new Set(config.events)) {
    if (type === POSITION_EVENT || type === RESET_EVENT) continue;
    source.addEventListener(type, (event) => {
      const { data, lastEventId: reported = '' } = event as MessageEvent<unknown> & {
        lastEventId?: string;
      };
      if (typeof data !== 'string') return;
      alive();
      // WHATWG ignores an `id:` containing NUL; `event-source-polyfill` (1.0.31) adopts it.
      const lastEventId = reported.includes('\u0000') ? (previousId ?? '') : reported;
      const own = lastEventId !== '' && lastEventId !== previousId;
      if (lastEventId === '' && previousId !== undefined && previousId !== '') {
        context.setCursor(undefined);
      }
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
