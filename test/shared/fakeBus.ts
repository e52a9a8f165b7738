import type { PortLike } from './busTransport';

interface Logged {
  id: string;
  body: unknown;
}

/**
 * The other side of the bus transport's ports, in memory: an ordered log with counter ids, the
 * replay of what came after a client's cursor, and hooks to misbehave (drop everyone, deliver a
 * message twice). Deliveries are synchronous so a test reads the result right after acting.
 */
export class FakeBus {
  readonly log: Logged[] = [];
  /** Bodies the clients sent, in order. */
  readonly received: unknown[] = [];
  /** Cursors the clients' hellos carried, one per attempt. */
  readonly hellos: Array<string | undefined> = [];
  private readonly ports = new Set<FakePort>();

  /** Passed as the transport's `open` option. */
  readonly open = (): PortLike => {
    const port = new FakePort(this);
    this.ports.add(port);
    return port;
  };

  get openPorts(): number {
    return this.ports.size;
  }

  /** Appends to the log and delivers to every open port. */
  publish(body: unknown): void {
    const entry = { id: String(this.log.length + 1), body };
    this.log.push(entry);
    for (const port of this.ports) port.deliver({ type: 'message', ...entry });
  }

  /** Delivers a logged message again (a redelivery the client must drop). */
  redeliver(id: string): void {
    const entry = this.log.find((logged) => logged.id === id);
    for (const port of this.ports) port.deliver({ type: 'message', ...entry });
  }

  /** Logs a message without delivering it: the clients miss it until they resume. */
  publishUnseen(body: unknown): void {
    this.log.push({ id: String(this.log.length + 1), body });
  }

  /** Hangs up on every client. */
  drop(): void {
    for (const port of [...this.ports]) port.deliver({ type: 'bye' });
  }

  /** Sends a frame the protocol does not know. */
  garble(): void {
    for (const port of this.ports) port.deliver({ type: 'garbage' });
  }

  handle(port: FakePort, data: { type: string; cursor?: string; body?: unknown }): void {
    if (data.type === 'message') {
      this.received.push(data.body);
      return;
    }
    this.hellos.push(data.cursor);
    port.deliver({ type: 'welcome' });
    const after = data.cursor === undefined ? 0 : Number(data.cursor);
    for (const entry of this.log.filter((logged) => Number(logged.id) > after)) {
      port.deliver({ type: 'message', ...entry });
    }
  }

  forget(port: FakePort): void {
    this.ports.delete(port);
  }
}

class FakePort implements PortLike {
  private readonly listeners = new Set<(event: MessageEvent) => void>();

  constructor(private readonly bus: FakeBus) {}

  postMessage(message: unknown): void {
    this.bus.handle(this, message as { type: string });
  }

  deliver(data: unknown): void {
    const event = new MessageEvent('message', { data });
    for (const listener of [...this.listeners]) listener(event);
  }

  close(): void {
    this.bus.forget(this);
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }
}
