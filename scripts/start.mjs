#!/usr/bin/env node
// `pnpm start [--port N] [--host H]`: builds both Storybooks, then serves them from the mock server.
// `pnpm serve [--port N] [--host H]`: serves the last build as it is (no rebuild).
// The port is checked before the build, so a busy port fails in a second, not after it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const storybookStatic = join(root, 'storybook-static');
const USAGE = `Usage: pnpm start [--port 4000] [--host 127.0.0.1]   build the Storybooks, then serve them
       pnpm serve [--port 4000] [--host 127.0.0.1]   serve the last build without rebuilding`;

function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  fail(`--port must be an integer from 1 to 65535, got "${values.port}"`);
}

/** Resolves with the error code when `port` cannot be bound on `host` (EADDRINUSE, EACCES), else undefined. */
function probe(host, port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code ?? error.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

const busy = await probe(values.host, port);
if (busy) {
  fail(
    busy === 'EADDRINUSE'
      ? `Port ${port} on ${values.host} is already in use (another pnpm start?). Stop that process or pick another port: pnpm ${values['no-build'] ? 'serve' : 'start'} --port ${port + 1}`
      : `Cannot listen on ${values.host}:${port} (${busy}).`,
  );
}

/** Runs the pnpm that runs us (`npx pnpm start` leaves no `pnpm` on PATH), else the one on PATH. */
function runPnpm(args) {
  const pnpmScript = process.env.npm_execpath;
  const options = { cwd: root, stdio: 'inherit' };
  if (pnpmScript?.includes('pnpm')) execFileSync(process.execPath, [pnpmScript, ...args], options);
  else execFileSync('pnpm', args, options);
}

if (values['no-build']) {
  if (!existsSync(join(storybookStatic, 'index.html'))) {
    fail('Nothing to serve yet: storybook-static/ has no build. Run pnpm start once (it builds).');
  }
} else {
  try {
    runPnpm(['build-storybook']);
  } catch {
    process.exit(1);
  }
}

const server = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'packages/mock-server/src/cli.ts',
    '--static',
    'storybook-static',
    '--demo-interval',
    '3000',
    '--port',
    String(port),
    '--host',
    values.host,
  ],
  { cwd: root, stdio: 'inherit' },
);
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
// Ctrl-C reaches the server too (same process group) and it stops by itself: forwarding SIGINT
// would interrupt its shutdown. A SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => {});
process.once('SIGTERM', () => server.kill('SIGTERM'));
