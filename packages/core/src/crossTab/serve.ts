import type { SendReceipt } from '../transports/common/outbox';
import type { Wire } from '../wire';

/** Runs one relayed verb on the leading tab's wire; its receipt's fate goes back to the caller. */
export type CallHandler = (args: unknown[]) => SendReceipt<unknown>;

const handlersByWire = new WeakMap<Wire, Map<string, CallHandler>>();

/**
 * A transport tells its wire how to run a verb (`send`, `emit`, `publish`) that a following tab
 * relays to the leading one. Cheap when cross-tab sharing is off: nothing but a map entry.
 */
export function serveAcrossTabs(wire: Wire, verb: string, handler: CallHandler): void {
  let handlers = handlersByWire.get(wire);
  if (!handlers) {
    handlers = new Map();
    handlersByWire.set(wire, handlers);
  }
  handlers.set(verb, handler);
}

export function handlerOf(wire: Wire, verb: string): CallHandler | undefined {
  return handlersByWire.get(wire)?.get(verb);
}
