import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';

/** A port free on 127.0.0.1 right now: the OS picks it for a throwaway server, which then closes. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
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
