import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

// Every child and every port holder, so a failing test leaves nothing running.
const children = new Set<ChildProcess>();
const holders = new Set<Server>();

afterEach(async () => {
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  children.clear();
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((child) => once(child, 'exit')));
  await Promise.all([...holders].map((server) => new Promise((done) => server.close(done))));
  holders.clear();
});

/** Runs a repository script with node, collecting its output. */
function run(script: string, args: string[]) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  // 'close', not 'exit': the output streams may still hold unread output when the process exits.
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  return { output, exited };
}

/** A port on 127.0.0.1 that something already listens on. */
async function busyPort(): Promise<number> {
  const server = createServer();
  holders.add(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('pnpm start / pnpm serve (scripts/start.mjs)', () => {
  it('fails at once on a busy port, before building anything, and names a free option', async () => {
    const port = await busyPort();
    // Without --no-build: a build would print Storybook's output first; the check comes before it.
    const { output, exited } = run('scripts/start.mjs', ['--port', String(port)]);
    expect((await exited)[0]).toBe(1);
    expect(output.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(output.stderr).toContain(`pnpm start --port ${port + 1}`);
    expect(output.stdout).toBe('');
  });

  it('says serve in the hint when serving without a rebuild', async () => {
    const port = await busyPort();
    const { output, exited } = run('scripts/start.mjs', ['--no-build', '--port', String(port)]);
    expect((await exited)[0]).toBe(1);
    expect(output.stderr).toContain(`pnpm serve --port ${port + 1}`);
  });

  it('rejects a port that is not a number with the usage', async () => {
    const { output, exited } = run('scripts/start.mjs', ['--port', 'eighty']);
    expect((await exited)[0]).toBe(1);
    expect(output.stderr).toContain('--port must be an integer from 1 to 65535, got "eighty"');
    expect(output.stderr).toContain('Usage: pnpm start');
  });
});

describe('the tidings-mock bin (packages/mock-server/bin/tidings-mock.js)', () => {
  it('runs the CLI whether or not the package was built', async () => {
    const { output, exited } = run('packages/mock-server/bin/tidings-mock.js', ['--help']);
    expect((await exited)[0]).toBe(0);
    expect(output.stdout).toContain('Usage: tidings-mock');
  });
});
