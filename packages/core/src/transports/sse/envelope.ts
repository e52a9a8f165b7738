import { parseFrame } from '../../parse';
import type { StandardSchemaV1 } from '../../standardSchema';
import type { Parse } from '../../types';
import { validateSchema } from '../../validateSchema';
import type { Frame } from '../../wire';

/**
 * What an SSE channel delivers with `envelope: true`: the event's type, its data after `parse`, and
 * its id. Given a map of event types to data types, the union of one envelope per event, so
 * checking `event` narrows `data`.
 *
 * @example
 * type Chat = SSEEvent<{ line: { text: string }; typing: { who: string } }>;
 * const chat = createSSE<Chat>('/api/sse', { events: ['line', 'typing'], envelope: true });
 * chat.onMessage((m) => (m.event === 'line' ? show(m.data.text) : typing(m.data.who)));
 */
export type SSEEvent<TEvents extends object = Record<string, unknown>> = {
  [E in keyof TEvents & string]: {
    event: E;
    data: TEvents[E];
    /** The stream's last event id (EventSource's `lastEventId`); undefined when none was set. */
    id: string | undefined;
  };
}[keyof TEvents & string];

/**
 * `toMessage` of an SSE channel with `envelope: true`: `parse` applies to the data, the `schema`
 * to the whole envelope (a union discriminated on `event` types each event's data).
 */
export function toSSEEnvelope(
  frame: Frame,
  parse: Parse<unknown>,
  schema: StandardSchemaV1 | undefined,
): unknown {
  const event = frame.meta.event ?? 'message';
  const envelope = {
    event,
    data: parseFrame(frame, parse),
    id: frame.meta.lastEventId || undefined,
  };
  return validateSchema(schema, envelope, `"${event}" message`);
}
