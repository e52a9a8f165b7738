import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Broker } from './broker';
import { freePorts, requireBinary, waitForPort } from './ports';

const run = promisify(execFile);
// The scripts themselves, not Debian's /usr/sbin wrappers: those `su` to the rabbitmq user (whose
// HOME and data are system-wide) and refuse to run for anyone but root or rabbitmq.
const BIN = '/usr/lib/rabbitmq/bin';
const EPMD = '/usr/bin/epmd';

/**
 * Starts Debian's RabbitMQ 3.10 with `rabbitmq_web_mqtt` as a private node: its own data, logs,
 * Erlang cookie and epmd under a temp dir, every port free-picked and bound to 127.0.0.1. Resolves
 * once the Web MQTT port (path `/ws`) accepts connections, which takes several seconds.
 */
export async function startRabbitmq(): Promise<Broker> {
  requireBinary(`${BIN}/rabbitmq-server`, 'rabbitmq-server');
  requireBinary(EPMD, 'rabbitmq-server');
  const dir = mkdtempSync(join(tmpdir(), 'tidings-rabbitmq-'));
  const [amqpPort, mqttPort, wsPort, distPort, epmdPort] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const loopbackDist = '-kernel inet_dist_use_interface {127,0,0,1}';
  const env = {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: `tidings-${wsPort}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: loopbackDist,
    RABBITMQ_CTL_ERL_ARGS: loopbackDist,
    // A private epmd on loopback, so `epmd -kill` stops ours and no one else's.
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(epmdPort),
  };
  writeFileSync(
    env.RABBITMQ_CONFIG_FILE,
    [
      `listeners.tcp.default = 127.0.0.1:${amqpPort}`,
      // rabbitmq_mqtt comes with web_mqtt and would listen on 0.0.0.0:1883.
      `mqtt.listeners.tcp.default = 127.0.0.1:${mqttPort}`,
      'web_mqtt.tcp.ip = 127.0.0.1',
      `web_mqtt.tcp.port = ${wsPort}`,
      '',
    ].join('\n'),
  );
  const logFile = join(env.RABBITMQ_LOG_BASE, `${env.RABBITMQ_NODENAME}.log`);
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log yet)');

  // What `rabbitmq-plugins enable --offline rabbitmq_web_mqtt` writes, into this node's own file
  // (not /etc/rabbitmq): written directly, since the CLI takes seconds to boot its own VM.
  writeFileSync(env.RABBITMQ_ENABLED_PLUGINS_FILE, '[rabbitmq_web_mqtt].\n');

  const killOnExit = () => kill(env);
  process.once('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.off('exit', killOnExit);
      // rabbitmqctl waits its whole timeout for a node that has already died: ask only a live one.
      if (nodePid(env) !== undefined) {
        try {
          // With the pid file, `stop` returns once the node's OS process has exited.
          await run(`${BIN}/rabbitmqctl`, ['stop', env.RABBITMQ_PID_FILE], {
            env,
            timeout: 30_000,
          });
        } catch {
          kill(env);
        }
      }
      await run(EPMD, ['-kill'], { env }).catch(() => kill(env));
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const spawned = Date.now();
  try {
    await run(`${BIN}/rabbitmq-server`, ['-detached'], { env });
    // `rabbitmqctl await_startup` can return before the plugin listens: poll its port instead.
    let booting: number | undefined;
    await waitForPort(wsPort, {
      timeoutMs: 60_000,
      failure: () => {
        // The pid file appears early in the boot; its process gone means the boot failed.
        const pid = nodePid(env);
        if (pid !== undefined) booting = pid;
        else if (booting !== undefined)
          return `the RabbitMQ node (pid ${booting}) exited while booting`;
        return undefined;
      },
      describe: () => `rabbitmq log (${logFile}):\n${log().slice(-4000)}`,
    });
    return {
      wsUrl: `ws://127.0.0.1:${wsPort}/ws`,
      wsPort,
      startMs: Date.now() - spawned,
      stop,
      log,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The node's OS pid while it runs, from its pid file. */
function nodePid(env: { RABBITMQ_PID_FILE: string }): number | undefined {
  if (!existsSync(env.RABBITMQ_PID_FILE)) return undefined;
  const pid = Number(readFileSync(env.RABBITMQ_PID_FILE, 'utf8').trim());
  if (!(pid > 0)) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** The last resort: SIGKILL the node by its pid file, then end its private epmd. */
function kill(env: NodeJS.ProcessEnv & { RABBITMQ_PID_FILE: string }): void {
  const pid = nodePid(env);
  if (pid !== undefined) process.kill(pid, 'SIGKILL');
  spawnSync(EPMD, ['-kill'], { env });
}
