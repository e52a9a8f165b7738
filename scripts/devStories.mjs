#!/usr/bin/env node
// `pnpm dev:stories`: the mock server and both Storybook dev servers, for live editing. The React
// Storybook (http://localhost:6006) composes the Vue one (6007) and proxies every endpoint to the
// mock server (4000). Ctrl-C, or any of the three exiting, stops all of them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const processes = [
  [
    'mock',
    'node',
    [
      '--import',
      'tsx',
      'packages/mock-server/src/cli.ts',
      '--port',
      '4000',
      '--demo-interval',
      '3000',
    ],
  ],
  ['vue', 'pnpm', ['--filter', '@tidings/stories', 'run', 'dev:vue']],
  ['react', 'pnpm', ['--filter', '@tidings/stories', 'run', 'dev:react']],
];

const children = processes.map(([name, command, args]) => {
  // Each child leads its own process group, so stopping it also stops what it spawned.
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: true });
  child.on('exit', (code, signal) => {
    console.log(`[dev:stories] ${name} exited (${signal ?? code}); stopping the others`);
    stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch (error) {
        if (error.code !== 'ESRCH') throw error;
      }
    }
  }
  process.exitCode = code;
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
console.log('[dev:stories] open http://localhost:6006/ (Vue: 6007, mock server: 4000)');
