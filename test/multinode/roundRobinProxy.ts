import { connect, createServer, type Socket } from 'node:net';

export interface RoundRobinProxy {
  /** http://127.0.0.1:port: what clients are given, whichever node serves them. */
  url: string;
  /** The node ports connections go to, in turn; a port that refuses is skipped. */
  targets: number[];
  close(): Promise<void>;
}

/**
 * A TCP load balancer on loopback in front of several mock-server nodes: each new connection goes
 * to the next node in turn, and to the one after it when that node refuses (it was killed), as a
 * balancer's health check would arrange. When a node dies, its clients' connections die with it.
 */
export function startRoundRobinProxy(targets: number[]): Promise<RoundRobinProxy> {
  const sockets = new Set<Socket>();
  let turn = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const proxy: Omit<RoundRobinProxy, 'url' | 'close'> = { targets: [...targets] };

  /** Connects to the next node that accepts, trying each node once. */
  function pipeToNode(client: Socket, tries: number) {
    if (tries >= proxy.targets.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = proxy.targets[turn++ % proxy.targets.length] as number;
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    upstream.on('error', () => {
      // Refused: that node is down, so the next one gets this client.
      if (!connected) pipeToNode(client, tries + 1);
    });
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    pipeToNode(client, 0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address !== 'object') {
        reject(new Error('the proxy got no port'));
        return;
      }
      resolve(
        Object.assign(proxy, {
          url: `http://127.0.0.1:${address.port}`,
          close() {
            for (const socket of sockets) socket.destroy();
            return new Promise<void>((done) => server.close(() => done()));
          },
        }),
      );
    });
  });
}
