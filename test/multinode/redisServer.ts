import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePorts, requireBinary, waitForPort } from '../brokers/ports';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's redis-server on 127.0.0.1 on a free port, with no persistence (no RDB, no AOF:
 * nothing is written to disk), and resolves once it accepts connections.
 */
export async function startRedisServer(): Promise<RedisServer> {
  requireBinary(REDIS_SERVER, 'redis-server');
  const [port] = (await freePorts(1)) as [number];
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `redis-server exited (${signal ?? code})`;
  });
  // The last resort when the test process ends without afterAll (a crash, Ctrl-C).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = once(child, 'exit');
    child.kill('SIGKILL');
    await gone;
  };
  try {
    await waitForPort(port, {
      timeoutMs: 10_000,
      failure: () => exited,
      describe: () => `redis-server log:\n${log}`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

/** Runs one command with Debian's redis-cli (installed with redis-server); resolves its output. */
export function redisCli(url: string, ...command: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/redis-cli', ['-u', url, ...command], (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}
