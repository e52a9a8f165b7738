import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach } from 'vitest';

export const CLI = 'packages/mock-server/src/cli.ts';

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

/** Runs a TypeScript entry point in its own Node process, collecting its output. */
export function runNode(entry: string, args: string[], nodeFlags: string[] = []) {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  // 'close', not 'exit': a child's stdout and stderr can still hold unread output when 'exit'
  // fires, and callers read `output` as soon as this settles. 'close' comes once both are drained.
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, output, exited };
}

/** Runs the CLI from source. */
export const run = (args: string[]) => runNode(CLI, args);

/** Starts the CLI and resolves with the URL its listening line names. */
export async function startCli(args: string[] = []) {
  const process = run(['--port', '0', ...args]);
  const { child, output } = process;
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      if (output.stdout.includes('\n')) resolve(output.stdout);
    });
    child.once('exit', () => reject(new Error(`exited early: ${output.stderr}`)));
  });
  return { ...process, line, url: line.split(' ')[3] ?? '' };
}
