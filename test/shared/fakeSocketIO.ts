import { EventEmitter } from 'node:events';
import type { SocketIOModuleLike } from '@tidings/core/socket-io';

/** A socket.io-client Socket stand-in; the test plays the server. */
export class FakeSocket extends EventEmitter {
  active = true;
  connected = false;
  recovered = false;
  /** The Manager stand-in: the server's CONNECT packet arrives on its `packet` event. */
  readonly io = new EventEmitter();
  connects = 0;
  disconnects = 0;
  emitted: unknown[][] = [];
  private anyListeners: Array<(event: string, ...args: unknown[]) => void> = [];
  constructor(
    readonly url: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  onAny(fn: (event: string, ...args: unknown[]) => void) {
    this.anyListeners.push(fn);
  }
  offAny(fn: (event: string, ...args: unknown[]) => void) {
    this.anyListeners = this.anyListeners.filter((l) => l !== fn);
  }
  override emit(event: string, ...args: unknown[]): boolean {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    if (['connect', 'connect_error', 'disconnect'].includes(event))
      return super.emit(event, ...args);
    this.emitted.push([event, ...args]);
    return true;
  }
  connect() {
    this.connects++;
  }
  disconnect() {
    this.disconnects++;
  }
  /** The handshake data Socket.IO would send now. */
  handshake(): Promise<Record<string, unknown>> {
    const auth = this.options.auth as (cb: (data: Record<string, unknown>) => void) => void;
    return new Promise((resolve) => auth(resolve));
  }
  /** Connects as socket.io-client does: the CONNECT packet (with a pid when recovery is on). */
  serverConnects(pid?: string) {
    this.emit('connect');
    this.io.emit('packet', { type: 0, nsp: '/', data: pid ? { sid: 's', pid } : { sid: 's' } });
  }
  serverEmits(event: string, ...args: unknown[]) {
    for (const fn of this.anyListeners) fn(event, ...args);
  }
}

/** A socket.io-client module whose `io()` makes {@link FakeSocket}s, kept in `sockets`. */
export function fakeIO() {
  const sockets: FakeSocket[] = [];
  const module: SocketIOModuleLike = {
    io: (url, options) => {
      const socket = new FakeSocket(url, options);
      sockets.push(socket);
      return socket;
    },
  };
  return { module, sockets };
}
