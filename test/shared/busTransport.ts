import type { Channel, ChannelOptions } from '@tidings/core';
import {
  type Attempt,
  channelInternals,
  createChannel,
  type Driver,
  extendChannel,
  TidingsError,
  Wire,
  wireKey,
} from '@tidings/core/transport';

/**
 * A custom transport built from `@tidings/core/transport` alone, as the core README's "Add a
 * transport" guide builds it: a channel over a `BroadcastChannel`-shaped port. The peer on the
 * other side speaks a tiny protocol:
 * - we post `{ type: 'hello', cursor }`; it answers `{ type: 'welcome' }`, then replays what came
 *   after `cursor` as `{ type: 'message', id, body }`;
 * - `{ type: 'message', id, body }` is one message (`id` is a counter);
 * - `{ type: 'bye' }` means it dropped us;
 * - we post `{ type: 'message', body }` to send.
 */

/** The part of a `BroadcastChannel` (or a `MessagePort`) the transport uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface BusOptions<TMessage, TData = TMessage> extends ChannelOptions<TMessage, TData> {
  /** Opens the port of one attempt. @default a `BroadcastChannel` named after the bus */
  open?: (name: string) => PortLike;
}

export interface BusChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /** Posts `body` through the live attempt; false (and an `unsent` error) when there is none. */
  send(body: unknown): boolean;
}

/** The attempt the wire keeps: the channel's `send` reaches the port through it. */
interface BusAttempt extends Attempt {
  send(body: unknown): void;
}

function busDriver(name: string, open: (name: string) => PortLike): Driver<BusAttempt> {
  return {
    start(context) {
      const port = open(name);
      const onMessage = (event: MessageEvent) => {
        const data = event.data as { type?: string; id?: string; body?: unknown };
        if (data.type === 'welcome') context.opened();
        else if (data.type === 'bye') context.fail(new TidingsError('network', `${name} hung up`));
        // The wire drops an id it has seen (or one at or before the cursor) and moves the cursor.
        else if (data.type === 'message') context.frame({ raw: data.body, meta: {}, id: data.id });
        else context.report(new TidingsError('protocol', `${name}: unknown frame, skipped`));
      };
      port.addEventListener('message', onMessage);
      port.postMessage({ type: 'hello', cursor: context.cursor });
      return {
        send: (body) => port.postMessage({ type: 'message', body }),
        close() {
          port.removeEventListener('message', onMessage);
          port.close();
        },
      };
    },
  };
}

/**
 * Messages of the bus `name`, with reconnect, resume from the last id, dedupe and sharing from
 * the wire, and parse/reduce/batching from the channel.
 */
export function createBus<TMessage, TData = TMessage>(
  name: string,
  options: BusOptions<TMessage, TData> = {},
): BusChannel<TMessage, TData> {
  const open = options.open ?? ((bus: string) => new BroadcastChannel(bus));
  const channel = createChannel<TMessage, TData, Wire<BusAttempt>>(
    {
      // Every option that changes the wire is in the key: equal keys share one connection.
      key: wireKey('bus', { name, open, reconnect: options.reconnect }),
      createWire: (env) =>
        new Wire(busDriver(name, open), env, { reconnect: options.reconnect, orderedIds: true }),
    },
    options,
  );
  const internals = channelInternals<Wire<BusAttempt>>(channel);
  return extendChannel(channel, {
    ...channel,
    send(body: unknown) {
      const attempt = internals.wire()?.attempt;
      if (!attempt) {
        internals.report(new TidingsError('unsent', `${name} is not connected: not sent`));
        return false;
      }
      attempt.send(body);
      return true;
    },
  });
}
