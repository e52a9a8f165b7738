import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import { payloadOf } from '../socketio';
import type { MockMessage } from '../types';
import type { RedisMessageLog } from './redisLog';
import { LOG_UID, type socketIoCompanion } from './socketIoCompanion';

/** What the Socket.IO endpoint needs to serve a shared log on this node. */
export interface SocketIoCluster {
  adapter: ServerOptions['adapter'];
  /** The recovery offset of a message: its entry in the adapter's stream. */
  offsetOf(messageId: string): string | undefined;
}

type Adapter = ReturnType<ReturnType<typeof createAdapter>>;
type RawMessage = Parameters<Adapter['onRawMessage']>[0];

/**
 * `@socket.io/redis-streams-adapter` over the log's companion stream, where the log's append
 * script writes every message as a broadcast entry. Sessions are persisted in Redis and restored
 * on any node with what they missed from that stream: the adapter's own recovery.
 *
 * Live delivery, though, comes from this node's log reader (`io.local.emit` with the entry id as
 * the offset), not from the adapter's reader: one reader per node, so a connect's replay from the
 * log and the live messages after it meet exactly, as on a single node. The adapter's reader so
 * skips the log's entries, and a restored session also gets what this node's log read after the
 * adapter's own lookup of missed packets (the two readers never disagree about a message).
 */
export function socketIoCluster(
  log: RedisMessageLog,
  companion: ReturnType<typeof socketIoCompanion>,
  eventOf: (message: MockMessage) => string,
): SocketIoCluster {
  const create = createAdapter(log.client, {
    streamName: companion.key,
    maxLen: companion.maxLen,
  });
  // Socket.IO constructs the adapter with `new`: a plain function that returns it does that.
  function tidingsAdapter(nsp: unknown): Adapter {
    const adapter = create(nsp);
    const onRawMessage = adapter.onRawMessage.bind(adapter);
    adapter.onRawMessage = (raw: RawMessage, offset: string) => {
      if (raw.uid !== LOG_UID) onRawMessage(raw, offset);
    };
    const restoreSession = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restoreSession(pid, offset);
      const missed = session.missedPackets as unknown[][];
      const last = (missed.at(-1)?.at(-1) as string | undefined) ?? offset;
      // What the adapter found ends where the stream ended when it looked; this node's reader
      // may be behind (its later emits would repeat) or ahead (its emits since went to no one).
      await log.companions.read(last);
      const lastId = log.companions.messageIdOf(last);
      if (lastId !== undefined) {
        for (const message of log.after(Number(lastId))) {
          const id = log.companions.companionIdOf(message.id);
          if (id !== undefined) missed.push([eventOf(message), payloadOf(message), id]);
        }
      }
      return session;
    };
    return adapter;
  }
  return {
    adapter: tidingsAdapter as unknown as ServerOptions['adapter'],
    offsetOf: (messageId) => log.companions.companionIdOf(messageId),
  };
}
