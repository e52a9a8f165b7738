import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';

/**
 * `count` distinct ports free on 127.0.0.1 right now: the OS picks them for throwaway servers,
 * all kept open until every port is picked. Closed one by one, the OS may hand the same port out
 * twice (two listeners of one broker then collide).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<typeof server>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  if (ports.includes(0)) throw new Error('no port assigned');
  return ports;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface WaitForPortOptions {
  /** Give up after this many ms. */
  timeoutMs: number;
  /** Checked between polls: a reason to stop waiting (the broker exited), or undefined. */
  failure?: () => string | undefined;
  /** Added to the timeout error (the broker's log). */
  describe?: () => string;
}

/** Polls until 127.0.0.1:`port` accepts a TCP connection, with a deadline. */
export async function waitForPort(port: number, options: WaitForPortOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  for (;;) {
    const failure = options.failure?.();
    if (failure) throw new Error(`${failure}\n${options.describe?.() ?? ''}`);
    if (await accepts(port)) return Date.now() - started;
    if (Date.now() > deadline) {
      throw new Error(
        `127.0.0.1:${port} did not accept connections within ${options.timeoutMs} ms\n${options.describe?.() ?? ''}`,
      );
    }
    // The poll interval, not a wait for the condition: the loop ends as soon as the port answers.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fails loudly, with the way to install it, when a broker binary is not there. */
export function requireBinary(path: string, debianPackage: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `${path} is missing, so the broker tests cannot start their ${debianPackage} broker. ` +
        `Install it with \`bash scripts/ensure-brokers.sh\` (as root), or \`sudo apt-get install -y ${debianPackage}\`.`,
    );
  }
}
