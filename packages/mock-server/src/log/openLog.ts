import type { ServerOptions } from 'socket.io';
import { MessageLog } from '../log';
import type { MockServerOptions, SharedLogOptions } from '../types';
import type { OrderedLog } from './orderedLog';

export interface OpenedLog {
  log: OrderedLog;
  /** Shared logs only: Socket.IO's Redis Streams adapter, reading the log's companion stream. */
  socketIoAdapter?: ServerOptions['adapter'];
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
  const [{ RedisMessageLog }, { socketIoCompanion }, { createAdapter }] = await Promise.all([
    import('./redisLog'),
    import('./socketIoCompanion'),
    import('@socket.io/redis-streams-adapter'),
  ]);
  const prefix = options.redisPrefix ?? 'tidings';
  const companion = socketIoCompanion(prefix, eventOf);
  const log = await RedisMessageLog.connect({
    url: options.redis,
    prefix,
    companion,
    ...(options.firstId === undefined ? {} : { boot: options.firstId - 1 }),
  });
  const socketIoAdapter = createAdapter(log.client, {
    streamName: companion.key,
    maxLen: companion.maxLen,
  }) as ServerOptions['adapter'];
  return { log, socketIoAdapter };
}
