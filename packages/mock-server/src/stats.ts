import type { MockStats, TransportName, TransportStats } from './types';

/** Every transport the server counts (each member of `TransportName`). */
export const TRANSPORTS: readonly TransportName[] = [
  'poll',
  'longPoll',
  'sse',
  'chat',
  'ws',
  'mqtt',
  'socketio',
  'iframe',
];

function zero(): Record<TransportName, TransportStats> {
  const entries = TRANSPORTS.map((name) => [
    name,
    { requests: 0, connections: 0, opened: 0, bytes: 0 },
  ]);
  return Object.fromEntries(entries) as Record<TransportName, TransportStats>;
}

/** Per-transport counters behind `GET /control/stats`. */
/** A byte count read from a live source (a socket's `bytesWritten`) rather than added up. */
interface Meter {
  transport: TransportName;
  read: () => number;
  base: number;
}

export class Stats {
  #counters = zero();
  #meters = new Set<Meter>();
  #slowConsumersDropped = 0;

  /** Counts a client cut off for not reading what it was sent. */
  slowConsumerDropped(): void {
    this.#slowConsumersDropped++;
  }

  request(transport: TransportName): void {
    this.#counters[transport].requests++;
  }

  /** Counts an open connection; the returned function (idempotent) counts it closed. */
  open(transport: TransportName): () => void {
    this.#counters[transport].connections++;
    this.#counters[transport].opened++;
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      // Reset may have swapped the counters since; the connection is still open in the new ones.
      this.#counters[transport].connections--;
    };
  }

  bytes(transport: TransportName, count: number): void {
    this.#counters[transport].bytes += count;
  }

  /**
   * Counts the bytes a live source reports, for connections whose writes we do not make ourselves
   * (aedes writes MQTT packets). The returned function folds the final count in and stops reading.
   */
  meter(transport: TransportName, read: () => number): () => void {
    const meter: Meter = { transport, read, base: read() };
    this.#meters.add(meter);
    return () => {
      if (!this.#meters.delete(meter)) return;
      this.bytes(transport, meter.read() - meter.base);
    };
  }

  snapshot(messages: number, mqttSessions: number): MockStats {
    const transports = structuredClone(this.#counters);
    for (const { transport, read, base } of this.#meters)
      transports[transport].bytes += read() - base;
    return { messages, transports, slowConsumersDropped: this.#slowConsumersDropped, mqttSessions };
  }

  /** Zeroes everything but the connections still open, which reset does not close. */
  reset(): void {
    const next = zero();
    for (const name of TRANSPORTS) next[name].connections = this.#counters[name].connections;
    this.#counters = next;
    this.#slowConsumersDropped = 0;
    for (const meter of this.#meters) meter.base = meter.read();
  }
}
