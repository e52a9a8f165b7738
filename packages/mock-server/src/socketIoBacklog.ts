/** The engine.io events a backlog is measured from (a packet's `data` is its payload). */
interface EngineConnection {
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): void;
  on(event: 'flush', listener: (packets: Array<{ data?: unknown }>) => void): void;
}

const sizeOf = (data: unknown): number =>
  typeof data === 'string' || Buffer.isBuffer(data) ? Buffer.byteLength(data) : 0;

const backlogs = new WeakMap<object, { bytes: number }>();

/**
 * Starts measuring a Socket.IO connection's backlog: packets engine.io created for it but could
 * not hand to its transport yet. A WebSocket transport takes the next batch only once the last one
 * reached the kernel, so a client that stops reading leaves every later packet queued here, where
 * no socket buffer shows it.
 */
export function measureBacklog(conn: EngineConnection): void {
  const backlog = { bytes: 0 };
  backlogs.set(conn, backlog);
  conn.on('packetCreate', (packet) => {
    backlog.bytes += sizeOf(packet.data);
  });
  conn.on('flush', (packets) => {
    for (const packet of packets) backlog.bytes -= sizeOf(packet.data);
  });
}

/** The bytes queued for `conn` and not yet handed to its transport (0 when not measured). */
export const backlogOf = (conn: object): number => backlogs.get(conn)?.bytes ?? 0;
