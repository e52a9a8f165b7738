import { MessageLog } from '../log';
import type { MockServerOptions, SharedLogOptions } from '../types';
import type { MqttPositions } from './mqttPositions';
import type { OrderedLog } from './orderedLog';
import type { SocketIoCluster } from './socketIoCluster';

export interface OpenedLog {
  log: OrderedLog;
  /** Shared logs only: Socket.IO's Redis Streams adapter and the offsets of the log's messages. */
  socketIoCluster?: SocketIoCluster;
  /** Shared logs only: where each persistent MQTT session stands, whichever node it is on. */
  mqttPositions?: MqttPositions;
}

/**
 * The in-memory log, or (with `redis`) the log shared through Redis. The Redis client is loaded
 * only then, so a single-node server starts as it always did.
 */
export async function openLog(
  options: MockServerOptions & Partial<SharedLogOptions>,
  eventOf: (message: { type: string }) => string,
): Promise<OpenedLog> {
  if (options.redis === undefined) return { log: new MessageLog(options.firstId) };
  const [{ RedisMessageLog }, { socketIoCompanion }, { socketIoCluster }, { redisMqttPositions }] =
    await Promise.all([
      import('./redisLog'),
      import('./socketIoCompanion'),
      import('./socketIoCluster'),
      import('./mqttPositions'),
    ]);
  const prefix = options.redisPrefix ?? 'tidings';
  const companion = socketIoCompanion(prefix, eventOf);
  const log = await RedisMessageLog.connect({
    url: options.redis,
    prefix,
    companion,
    ...(options.firstId === undefined ? {} : { boot: options.firstId - 1 }),
  });
  return {
    log,
    socketIoCluster: socketIoCluster(log, companion, eventOf),
    mqttPositions: redisMqttPositions(log.client, prefix),
  };
}
