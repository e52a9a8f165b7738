import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Broker } from './broker';
import { freePorts, requireBinary, waitForPort } from './ports';

const MOSQUITTO = '/usr/sbin/mosquitto';
const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';

export interface MosquittoOptions {
  /** Username → password. When given, anonymous clients are refused (`allow_anonymous false`). */
  users?: Record<string, string>;
}

/**
 * Starts Debian's Mosquitto 2 on loopback with a WebSocket listener on a free port, and resolves
 * once that port accepts connections.
 *
 * @example
 * const broker = await startMosquitto({ users: { alice: 's3cret' } });
 * afterAll(() => broker.stop());
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Broker> {
  requireBinary(MOSQUITTO, 'mosquitto');
  const dir = mkdtempSync(join(tmpdir(), 'tidings-mosquitto-'));
  const [wsPort, tcpPort] = (await freePorts(2)) as [number, number];
  const lines = [
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    // Run as root, Mosquitto switches to the `mosquitto` user, which cannot read this private
    // temp dir; naming the current user keeps it as it is (ignored when not root).
    `user ${userInfo().username}`,
    'per_listener_settings false',
  ];
  if (options.users) {
    requireBinary(MOSQUITTO_PASSWD, 'mosquitto');
    const passwords = join(dir, 'passwords');
    for (const [index, [user, password]] of Object.entries(options.users).entries()) {
      const create = index === 0 ? ['-c'] : [];
      execFileSync(MOSQUITTO_PASSWD, ['-b', ...create, passwords, user, password]);
    }
    lines.push('allow_anonymous false', `password_file ${passwords}`);
  } else {
    lines.push('allow_anonymous true');
  }
  lines.push(
    // Mosquitto 2.0.11 will not start with a WebSocket listener alone ("Unable to start any
    // listening sockets", eclipse-mosquitto#2284): keep a plain MQTT one beside it.
    `listener ${tcpPort} 127.0.0.1`,
    // libwebsockets binds to an interface, not an address: `127.0.0.1` here would listen on every
    // interface (eclipse-mosquitto#3045), `lo` listens on loopback only.
    `listener ${wsPort} lo`,
    'protocol websockets',
  );
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);

  let log = '';
  const child = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `mosquitto exited (${signal ?? code})`;
  });
  child.once('error', (error) => {
    exited = `mosquitto could not be started: ${error.message}`;
  });
  // The last resort when the test process ends without afterAll (a crash, Ctrl-C).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    const startMs = await waitForPort(wsPort, {
      timeoutMs: 10_000,
      failure: () => exited,
      describe: () => `mosquitto log:\n${log}`,
    });
    return { wsUrl: `ws://127.0.0.1:${wsPort}/mqtt`, wsPort, startMs, stop, log: () => log };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM by PID, then SIGKILL if it has not exited within 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), 5_000);
  });
  if ((await Promise.race([exit, late])) === 'late') {
    child.kill('SIGKILL');
    await exit;
  }
  clearTimeout(timer);
}
