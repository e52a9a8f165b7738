#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMockServer } from './server';
import type { MockServerOptions } from './types';

const USAGE = `Usage: tidings-mock [options]

One local server speaking every real-time protocol tidings supports.

Options:
  --port <n>            port to listen on (0 picks a free one)   [default: 4000]
  --host <host>         interface to bind                        [default: 127.0.0.1]
  --static <dir>        serve this directory (e.g. a built Storybook) for other paths
  --demo-interval <ms>  publish a demo message every <ms> (0: off) [default: off]
  -h, --help            show this help`;

class UsageError extends Error {
  readonly kind = 'usage';
}

function integer(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 0 || number > max) {
    throw new UsageError(`--${name} must be an integer from 0 to ${max}, got "${value}"`);
  }
  return number;
}

function parseOptions(argv: string[]): MockServerOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        static: { type: 'string' },
        'demo-interval': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: MockServerOptions = { log: true };
  options.port = integer('port', values.port as string | undefined, 65_535) ?? 4000;
  if (values.host !== undefined) options.host = values.host as string;
  if (values.static !== undefined) options.staticDir = values.static as string;
  const demo = integer('demo-interval', values['demo-interval'] as string | undefined, 86_400_000);
  if (demo) options.demoInterval = demo;
  return options;
}

async function main() {
  let options: MockServerOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`tidings-mock: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const server = await startMockServer(options);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`tidings-mock: ${(error as Error).message ?? error}`);
  process.exit(1);
});
