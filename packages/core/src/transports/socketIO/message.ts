/**
 * What a Socket.IO channel delivers, typed either by one argument type or by a map of incoming
 * events. The map rides in `TMessage` (wrapped in {@link SocketIOListens}) rather than in a fourth
 * generic so that `TData`'s default, `SocketIOMessage<TMessage>`, follows it, and a `schema`
 * still infers `TMessage` when no generic is written.
 */

declare const listens: unique symbol;

/**
 * A map of incoming events, in socket.io's own style (each event name maps to a function type
 * whose parameters are the event's arguments), passed as `TMessage`: a message's `args` are then
 * typed by its `event`, and checking `event` narrows them. A trailing function parameter is the
 * server's ack request, delivered as `message.ack`, not in `args`. Compile-time only.
 *
 * @example
 * type Incoming = SocketIOListens<{ chat: (line: Line) => void; typing: (who: string) => void }>;
 * createSocketIO<Incoming>(url, { events: ['chat', 'typing'] }).onMessage((m) => {
 *   if (m.event === 'chat') render(m.args[0]); // Line
 * });
 */
export interface SocketIOListens<TEvents extends object> {
  /** Type-only: no such property exists at run time. */
  readonly [listens]: TEvents;
}

/** Present when the server asked for an ack: calling it answers the server (once). */
type Ack<TArgs extends unknown[]> = (...args: TArgs) => void;

/** A message typed by one argument type: any event name, every argument a `TArg`. */
export interface SocketIOArgsMessage<TArg = unknown> {
  event: string;
  /** The event's arguments, without the server's recovery offset and ack request. */
  args: TArg[];
  /** Present when the server asked for an ack: calling it answers the server (once). */
  ack?: Ack<unknown[]>;
}

/** An event's parameters split into its arguments and, when the last one is a function, its ack. */
type SplitAck<TParams extends unknown[]> = TParams extends [
  ...infer TArgs,
  (...answer: infer TAnswer) => unknown,
]
  ? { args: TArgs; ack?: Ack<TAnswer> }
  : { args: TParams; ack?: Ack<unknown[]> };

/** One message per event of `TEvents`, discriminated on `event`. */
export type SocketIOEventMessage<TEvents extends object> = {
  [TEvent in keyof TEvents & string]: { event: TEvent } & SplitAck<
    TEvents[TEvent] extends (...args: infer TParams) => unknown ? TParams : unknown[]
  >;
}[keyof TEvents & string];

/**
 * What a Socket.IO channel delivers: the event name and its arguments, each parsed. With
 * `TMessage` a {@link SocketIOListens} map, a union discriminated on `event`.
 */
export type SocketIOMessage<TMessage = unknown> = 0 extends 1 & TMessage
  ? SocketIOArgsMessage<TMessage> // any
  : [TMessage] extends [never]
    ? SocketIOArgsMessage<never>
    : [TMessage] extends [SocketIOListens<infer TEvents>]
      ? SocketIOEventMessage<TEvents>
      : SocketIOArgsMessage<TMessage>;

/** The event names `events` may list: the map's with {@link SocketIOListens}, else any. */
export type SocketIOEventName<TMessage> = 0 extends 1 & TMessage
  ? string
  : [TMessage] extends [SocketIOListens<infer TEvents>]
    ? keyof TEvents & string
    : string;
