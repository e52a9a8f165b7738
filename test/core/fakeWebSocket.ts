/**
 * A WebSocket stand-in the test drives by hand: `open()`, `receive()`, `serverClose()`. Each call of
 * `fakeWebSocket()` gets its own class and socket list, so nothing leaks between tests.
 */
export function fakeWebSocket() {
  const sockets: FakeSocket[] = [];

  class FakeSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readyState = 0;
    binaryType = 'blob';
    readonly sent: unknown[] = [];
    closedByClient: { code: number | undefined } | undefined;

    constructor(
      readonly url: string,
      readonly protocols?: string | string[],
    ) {
      super();
      sockets.push(this);
    }

    send(data: unknown): void {
      // As browsers do: sending on a socket that is not open yet is an error.
      if (this.readyState !== 1) throw new Error('InvalidStateError: still connecting');
      this.sent.push(data);
    }

    close(code?: number): void {
      if (this.readyState >= 2) return;
      this.closedByClient = { code };
      this.readyState = 3;
      this.dispatchEvent(closeEvent(code ?? 1005, ''));
    }

    open(): void {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }

    receive(data: unknown): void {
      this.dispatchEvent(new MessageEvent('message', { data }));
    }

    serverClose(code: number, reason = ''): void {
      this.readyState = 3;
      this.dispatchEvent(closeEvent(code, reason));
    }
  }

  return {
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    sockets,
    get last(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket opened');
      return socket;
    },
  };
}

function closeEvent(code: number, reason: string): Event {
  const event = new Event('close');
  Object.defineProperties(event, { code: { value: code }, reason: { value: reason } });
  return event;
}
