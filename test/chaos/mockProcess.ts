import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../packages/mock-server/src/cli.ts', import.meta.url));

/**
 * The mock server as its own process, so a chaos run can kill it the way a crash does (SIGKILL: no
 * close frames, the in-memory log gone) and start a new one on the same port. Tests drive it only
 * through its HTTP control API, as a user's tests would.
 */
export interface MockProcess {
  readonly url: string;
  readonly port: number;
  publish(input: { type: string; data?: unknown }): Promise<{ id: string }>;
  drop(): Promise<void>;
  setFaults(faults: Record<string, unknown>): Promise<void>;
  reset(): Promise<void>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** Kills the process and starts a new one on the same port with the same flags. */
  restart(): Promise<MockProcess>;
}

export interface MockProcessOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** A folder the server serves for other paths (`--static`), e.g. a page that runs a consumer. */
  staticDir?: string;
  /** `redis://…`: the log lives in that Redis, shared with every node given it (`--redis`). */
  redis?: string;
  /** Page origins besides its own that may use it (`--allow-origin`), e.g. a balancer's. */
  allowOrigins?: string[];
}

export async function startMockProcess(options: MockProcessOptions = {}): Promise<MockProcess> {
  const flags = ['--port', String(options.port ?? 0)];
  if (options.staticDir !== undefined) flags.push('--static', options.staticDir);
  if (options.redis !== undefined) flags.push('--redis', options.redis);
  for (const origin of options.allowOrigins ?? []) flags.push('--allow-origin', origin);
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child);
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${url}/control/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok)
      throw new Error(`/control/${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const port = Number(new URL(url).port);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    port,
    publish: (input) => control('publish', input) as Promise<{ id: string }>,
    drop: async () => {
      await control('drop');
    },
    setFaults: async (faults) => {
      await control('faults', faults);
    },
    reset: async () => {
      await control('reset');
    },
    kill,
    async restart() {
      await kill();
      return startMockProcess({ ...options, port });
    },
  };
}

/** Resolves with the URL the CLI prints once it listens; rejects if it exits first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`tidings-mock exited (${code}): ${output}`)));
  });
}
