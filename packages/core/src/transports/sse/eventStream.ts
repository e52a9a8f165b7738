import { createParser, type EventSourceMessage } from 'eventsource-parser';

const LF = 10;
const CR = 13;

/** One dispatched event with the stream's last event id as WHATWG defines it. */
export interface StreamEvent {
  /** The event type; `message` when the block had no (or an empty) `event:` field. */
  type: string;
  data: string;
  /** The last event id after this block: set by any earlier `id:` until another one changes it. */
  lastEventId: string;
  /** The block had its own valid `id:` field (a value with NUL is ignored, as if absent). */
  ownId: boolean;
}

export interface EventStreamHandlers {
  onEvent(event: StreamEvent): void;
  /** A block set the last event id but dispatched nothing (no `data:`): only the id moves. */
  onLastEventId(lastEventId: string): void;
  /** A `retry:` field made only of ASCII digits. */
  onRetry(ms: number): void;
}

/**
 * The WHATWG event-stream interpretation over decoded text, fed chunk by chunk. Field parsing
 * (data, event, retry, comments, unknown fields) is `eventsource-parser`'s; this layer fixes what
 * that parser (v3) does not do by the spec, without touching its internals:
 * - a lone CR ends a line at once: the parser holds a CR at the end of a chunk until the next one
 *   (it might start a CRLF), so an event ending in CR waited for more bytes and was lost at the end
 *   of the stream. Lines are split here (CR, LF, CRLF, a CRLF split across chunks) and handed to
 *   the parser one LF-terminated line at a time.
 * - the last event id buffer persists across events and is set by an id-only block; the parser
 *   forgets the id after each event and never reports a block without data.
 * - its BOM check compares decoded characters to the UTF-8 bytes of a BOM, so a stream starting
 *   with the text "ï»¿" lost those characters. `TextDecoder` already drops one real BOM.
 * What is left at the end of the stream (a line without its end, a block without its blank line)
 * is discarded, as the spec says.
 *
 * @example
 * const stream = eventStream('', { onEvent: console.log, onLastEventId() {}, onRetry() {} });
 * stream.feed('id: 7\ndata: hi\r\r');
 */
export function eventStream(
  initialLastEventId: string,
  handlers: EventStreamHandlers,
): { feed(text: string): void } {
  let dispatched: EventSourceMessage | undefined;
  const parser = createParser({
    onEvent: (event) => {
      dispatched = event;
    },
    onRetry: (ms) => handlers.onRetry(ms),
    // Unknown fields and a non-numeric `retry:` are ignored, as the WHATWG rules say; they are not
    // the app's problem, so they do not land in `state.error`.
    onError: () => undefined,
  });
  // An empty first feed turns off the parser's BOM check (see above); it parses nothing.
  parser.feed('');

  let partial = '';
  let afterCR = false;
  let lastEventId = initialLastEventId;
  let idBuffer = initialLastEventId;
  let blockSetId = false;

  const line = (text: string) => {
    if (text !== '') {
      const colon = text.indexOf(':');
      if ((colon === -1 ? text : text.slice(0, colon)) === 'id') {
        let value = colon === -1 ? '' : text.slice(colon + 1);
        if (value.charCodeAt(0) === 32) value = value.slice(1);
        if (!value.includes('\u0000')) {
          idBuffer = value;
          blockSetId = true;
        }
      }
      parser.feed(`${text}\n`);
      return;
    }
    // A blank line ends the block: the parser dispatches synchronously, if there was data.
    dispatched = undefined;
    parser.feed('\n');
    lastEventId = idBuffer;
    const ownId = blockSetId;
    blockSetId = false;
    const event = dispatched as EventSourceMessage | undefined;
    if (event) {
      handlers.onEvent({ type: event.event ?? 'message', data: event.data, lastEventId, ownId });
    } else if (ownId) {
      handlers.onLastEventId(lastEventId);
    }
  };

  return {
    feed(text) {
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code !== LF && code !== CR) continue;
        // The LF of a CRLF (possibly the first character of this chunk) ends nothing more.
        if (code === LF && afterCR && i === start && partial === '') {
          afterCR = false;
          start = i + 1;
          continue;
        }
        const full = partial + text.slice(start, i);
        partial = '';
        start = i + 1;
        afterCR = code === CR;
        line(full);
      }
      if (start < text.length) {
        partial += text.slice(start);
        afterCR = false;
      }
    },
  };
}
