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
  /**
   * A path gone silent: nothing is forwarded either way and nothing is closed (no FIN, no RST);
   * new connections are accepted and go nowhere. Bytes wait in the proxy, as TCP would retransmit
   * them, until `heal()`.
   */
  blackHole(): void;
  /** The path is back: every held connection forwards again, the bytes it held first. */
  heal(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of a broker, so a test can cut a client's connection the way a
 * network fault does: the client sees its socket die without any MQTT DISCONNECT, and so does the
 * broker, which keeps the client's session and queues QoS 1 messages for it.
 */
export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let down = false;
  let holding = false;
  const forward = ({ client, upstream }: { client: Socket; upstream: Socket }) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ({ client, upstream }: { client: Socket; upstream: Socket }) => {
    // Unpiped and paused: no 'data' is read, so nothing moves and no 'end' is seen either way.
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
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
    const pair = { client, upstream };
    pairs.add(pair);
    if (holding) hold(pair);
    else forward(pair);
    client.once('close', () => {
      pairs.delete(pair);
      upstream.destroy();
    });
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
        blackHole() {
          holding = true;
          for (const pair of pairs) hold(pair);
        },
        heal() {
          holding = false;
          for (const pair of pairs) forward(pair);
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
