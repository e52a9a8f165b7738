import { connect } from 'node:net';

/** What a raw exchange saw: everything the server sent, and whether it closed the connection. */
export interface RawAnswer {
  received: string;
  closed: boolean;
}

/**
 * Sends `bytes` as they are (no client library to tidy them up), then waits until the server has
 * answered with something and, when `untilClose`, closed the connection. The socket is always
 * destroyed at the end.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  { untilClose = false, frames }: { untilClose?: boolean; frames?: Buffer[] } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let followed = false;
    const finish = (closed: boolean) => {
      socket.destroy();
      resolve({ received, closed });
    };
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (frames && !followed) {
        // The handshake is answered: now the frames that follow it.
        followed = true;
        for (const frame of frames) socket.write(frame);
        return;
      }
      if (!untilClose && !frames) finish(false);
    });
    socket.write(bytes);
  });
}

/** A raw HTTP/1.1 request with the given request target and header lines. */
export function rawRequest(target: string, headers: string[] = [], method = 'GET'): string {
  return `${method} ${target} HTTP/1.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`;
}

/** The header lines of a WebSocket handshake (RFC 6455 §4.1's sample key). */
export const UPGRADE_HEADERS = [
  'Host: 127.0.0.1',
  'Upgrade: websocket',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
];

/** A WebSocket handshake request; `Connection: Upgrade` replaces `close`. */
export function rawUpgrade(target: string, headers: string[] = UPGRADE_HEADERS): string {
  return `GET ${target} HTTP/1.1\r\n${[...headers, 'Connection: Upgrade'].join('\r\n')}\r\n\r\n`;
}

/** A masked client frame (RFC 6455 §5.2) with any opcode, payload and FIN bit. */
export function clientFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length])
      : Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0)));
  return Buffer.concat([header, mask, masked]);
}
