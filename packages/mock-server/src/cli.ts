#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { parseHostileNetwork } from './hostileNetwork';
import { parseAllowedOrigin } from './origin';
import { startMockServer } from './server';
import type { HostileNetwork, MockServerOptions, SharedLogOptions } from './types';

const USAGE = `Usage: tidings-mock [options]

One local server speaking every real-time protocol tidings supports.

Options:
  --port <n>            port to listen on (0 picks a free one)   [default: 4000]
  --host <host>         interface to bind                        [default: 127.0.0.1]
  --static <dir>        serve this directory (e.g. a built Storybook) for other paths
  --demo-interval <ms>  publish a demo message every <ms> (0: off) [default: off]
  --allow-origin <url>  let pages of this origin use the server from a browser
                        (repeatable; * allows any origin and Host)
                        [default: own origin and Storybook dev servers :6006, :6007]
  --max-message <bytes> largest HTTP body, WebSocket frame, Socket.IO packet or MQTT
                        publish accepted                         [default: 65536]
  --max-buffer <bytes>  cut off a client with more than this unread [default: 4194304]
  --max-mqtt-sessions <n>
                        persistent MQTT sessions kept            [default: 100]
  --redis <url>         keep the log in Redis (redis://host:port), shared by every
                        server given the same Redis             [default: in memory]
  --auth-token <token>  auth mode: accept only this token (repeatable); any other
                        is refused (HTTP 401, /ws close 4401, Socket.IO middleware
                        error, MQTT connack 4)                   [default: auth off]

Hostile network (what proxies and hosts do; see the README):
  --refuse-upgrades     refuse every WebSocket upgrade with 403
  --buffer-sse          hold event-stream bodies until the response ends
  --cut-after <ms>      cut every connection this many ms after it opened
  --latency <transport>=<ms>
                        delay requests of one transport (repeatable), e.g. ws=800

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

/** The scheme of a URL (`redis:`), or '' when it is not a URL. */
function parseUrlProtocol(value: string): string {
  try {
    return new URL(value).protocol;
  } catch {
    return '';
  }
}

type CliOptions = MockServerOptions & Partial<SharedLogOptions>;

function parseOptions(argv: string[]): CliOptions | 'help' {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        static: { type: 'string' },
        'demo-interval': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'max-message': { type: 'string' },
        'max-buffer': { type: 'string' },
        'max-mqtt-sessions': { type: 'string' },
        redis: { type: 'string' },
        'refuse-upgrades': { type: 'boolean' },
        'buffer-sse': { type: 'boolean' },
        'cut-after': { type: 'string' },
        latency: { type: 'string', multiple: true },
        'auth-token': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: CliOptions = { log: true };
  options.port = integer('port', values.port as string | undefined, 65_535) ?? 4000;
  if (values.host !== undefined) options.host = values.host as string;
  if (values.static !== undefined) options.staticDir = values.static as string;
  const demo = integer('demo-interval', values['demo-interval'] as string | undefined, 86_400_000);
  if (demo) options.demoInterval = demo;
  if (values.redis !== undefined) {
    const redis = values.redis as string;
    if (!/^rediss?:$/.test(parseUrlProtocol(redis))) {
      throw new UsageError(`--redis must be a redis:// URL, got "${redis}"`);
    }
    options.redis = redis;
  }
  const origins = values['allow-origin'] as string[] | undefined;
  if (origins) {
    for (const origin of origins) {
      try {
        parseAllowedOrigin(origin);
      } catch (error) {
        throw new UsageError(`--allow-origin: ${(error as Error).message}`);
      }
    }
    options.allowOrigins = origins;
  }
  const tokens = values['auth-token'] as string[] | undefined;
  if (tokens) {
    if (tokens.some((token) => token === ''))
      throw new UsageError('--auth-token must not be empty');
    options.authTokens = tokens;
  }
  const limits: Array<[string, keyof MockServerOptions & `max${string}`]> = [
    ['max-message', 'maxMessageBytes'],
    ['max-buffer', 'maxBufferedBytes'],
    ['max-mqtt-sessions', 'maxMqttSessions'],
  ];
  for (const [flag, option] of limits) {
    const value = integer(flag, values[flag] as string | undefined, 2 ** 31 - 1);
    if (value === 0) throw new UsageError(`--${flag} must be at least 1`);
    if (value !== undefined) options[option] = value;
  }
  options.network = parseNetworkFlags(values);
  return options;
}

/** The hostile-network flags, checked here so a typo is a usage error, not a start-up crash. */
function parseNetworkFlags(
  values: Record<string, string | boolean | string[] | undefined>,
): HostileNetwork {
  const network: HostileNetwork = {};
  if (values['refuse-upgrades']) network.refuseUpgrades = true;
  if (values['buffer-sse']) network.bufferSse = true;
  const cutAfter = integer('cut-after', values['cut-after'] as string | undefined, 600_000);
  if (cutAfter === 0) throw new UsageError('--cut-after must be at least 1');
  if (cutAfter !== undefined) network.cutAfter = cutAfter;
  const latency: Record<string, number> = {};
  for (const pair of (values.latency as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--latency must be <transport>=<ms>, got "${pair}"`);
    const ms = integer('latency', pair.slice(at + 1), 600_000);
    if (ms !== undefined) latency[pair.slice(0, at)] = ms;
  }
  if (Object.keys(latency).length > 0) network.latency = latency;
  try {
    return parseHostileNetwork(network);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main() {
  let options: CliOptions | 'help';
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
  const { redis, ...rest } = options;
  const server =
    redis === undefined ? await startMockServer(rest) : await startMockServer({ ...rest, redis });
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
