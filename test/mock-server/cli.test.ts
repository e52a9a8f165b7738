import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = 'packages/mock-server/src/cli.ts';

// Every child, so a failing test cannot leave a tidings-mock holding a port after the run.
const children = new Set<ChildProcess>();

afterEach(async () => {
  const running = [...children].filter(
    (child) => child.exitCode === null && child.signalCode === null,
  );
  children.clear();
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((child) => once(child, 'exit')));
});

/** Runs the CLI from source, collecting its output. */
function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, output, exited };
}

describe('tidings-mock CLI', () => {
  it('logs one line when listening and exits 0 on SIGTERM', async () => {
    const { child, output, exited } = run(['--port', '0']);
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        if (output.stdout.includes('\n')) resolve(output.stdout);
      });
      child.once('exit', () => reject(new Error(`exited early: ${output.stderr}`)));
    });
    const url = line.split(' ')[3] ?? '';
    expect(line).toMatch(/^tidings-mock listening on http:\/\/127\.0\.0\.1:\d+ /);
    expect((await fetch(`${url}/api/notifications`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(output.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    const { output, exited } = run(['--port', 'eighty']);
    expect((await exited)[0]).toBe(2);
    expect(output.stderr).toContain('--port must be an integer');
    const unknown = run(['--colour']);
    expect((await unknown.exited)[0]).toBe(2);
    expect(unknown.output.stderr).toContain('colour');
  });

  it('prints help', async () => {
    const { output, exited } = run(['--help']);
    expect((await exited)[0]).toBe(0);
    expect(output.stdout).toContain('--demo-interval');
  });
});
