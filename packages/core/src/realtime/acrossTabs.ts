import { type RelayedError, receiveError, relayError } from '../crossTab/messages';
import { serveAcrossTabs } from '../crossTab/serve';
import { shareStateAcrossTabs } from '../crossTab/sharedState';
import { encodeMessage } from '../transports/common/encode';
import { type OutboxOwner, refusedReceipt } from '../transports/common/outbox';
import type { RealtimeTransport, TransportSwitch } from './options';
import type { RealtimeWire, TransportState } from './wire';

/** A transport state as it crosses tabs: the switch's error as plain data. */
interface RelayedTransport {
  transport: RealtimeTransport | undefined;
  switched: (Omit<TransportSwitch, 'error'> & { error: RelayedError | null }) | null;
}

/** Sends of the other tabs, when this tab leads: each loss is reported in the tab that sent it. */
const relayedOwner: OutboxOwner = { report: () => {} };

/**
 * With `crossTab`, the leading tab's transport in use and last switch are every tab's, and a
 * following tab's `send()` runs on the leading tab's wire (its WebSocket or `sendUrl`).
 */
export function shareRealtimeAcrossTabs(wire: RealtimeWire): void {
  shareStateAcrossTabs(wire, {
    read: () => relayTransport(wire.transport),
    watch: (onChange) => wire.watchTransport(() => onChange()),
    mirror: (value) => {
      if (isRelayedTransport(value)) wire.mirrorTransport(receiveTransport(value));
    },
  });
  serveAcrossTabs(wire, 'send', ([message]) => {
    const encoded = encodeMessage(message);
    if (!encoded.ok) return refusedReceipt(encoded.error);
    return wire.send(relayedOwner, message, encoded.data);
  });
}

function relayTransport({ transport, switched }: TransportState): RelayedTransport {
  return {
    transport,
    switched: switched && {
      ...switched,
      error: switched.error && relayError(switched.error),
    },
  };
}

function receiveTransport({ transport, switched }: RelayedTransport): TransportState {
  return {
    transport,
    switched: switched && {
      ...switched,
      error: switched.error && receiveError(switched.error),
    },
  };
}

function isRelayedTransport(value: unknown): value is RelayedTransport {
  return typeof value === 'object' && value !== null && 'transport' in value && 'switched' in value;
}
