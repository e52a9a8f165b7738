import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** 127.0.0.1 port clients connect to. */
  port: number;
  /** TCP connections accepted while up (each is one client connection to the broker). */
  readonly connections: number;
  /** Sockets still open, either side (0 once every connection through it has closed). */
  readonly open: number;
  /** A network fault: every open connection is reset, and new ones are dropped until `restore()`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of a broker, so a test can cut a client's connection the way a
 * network fault does: the client sees its socket die without any MQTT DISCONNECT, and so does the
 * broker, which keeps the client's session and queues QoS 1 messages for it.
 */
export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let down = false;
  let connections = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A reset peer is what this proxy is for; the error only ends the pair.
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (down) {
      client.resetAndDestroy();
      return;
    }
    connections++;
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address !== 'object') {
        reject(new Error('the proxy got no port'));
        return;
      }
      resolve({
        port: address.port,
        get connections() {
          return connections;
        },
        get open() {
          return sockets.size;
        },
        cut() {
          down = true;
          for (const socket of sockets) socket.resetAndDestroy();
        },
        restore() {
          down = false;
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
