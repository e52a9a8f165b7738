import type { RedisClient } from './redisLog';

/**
 * Where each persistent MQTT session (`clean: false`) stands in a log shared by nodes: the newest
 * log id its client acknowledged (PUBACK), kept in Redis so that whichever node the client
 * reconnects to replays what came after it.
 */
export interface MqttPositions {
  /** The newest id the session acknowledged, or undefined for a session no node has seen. */
  get(clientId: string): Promise<number | undefined>;
  /** Where a session no node has seen starts; ignored when one is held already. */
  start(clientId: string, id: number): Promise<void>;
  /** Moves the session to `id`, never back (a late ack from an older connection is ignored). */
  advance(clientId: string, id: number): Promise<void>;
  /** A clean session replaces the kept one: it starts over. */
  forget(clientId: string): Promise<void>;
}

/** A session whose client stays away longer than this starts over where it next subscribes. */
const KEEP_MS = 24 * 60 * 60 * 1000;

// One script, so that acks of two connections of one client (the old one's last, the new one's
// first) never move the position back.
const ADVANCE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

export function redisMqttPositions(client: RedisClient, prefix: string): MqttPositions {
  const key = (clientId: string) => `${prefix}:mqtt:${clientId}`;
  return {
    async get(clientId) {
      const held = await client.sendCommand(['GET', key(clientId)]);
      return held === null || held === undefined ? undefined : Number(held);
    },
    async start(clientId, id) {
      await client.sendCommand(['SET', key(clientId), String(id), 'NX', 'PX', String(KEEP_MS)]);
    },
    async advance(clientId, id) {
      await client.sendCommand(['EVAL', ADVANCE, '1', key(clientId), String(id), String(KEEP_MS)]);
    },
    async forget(clientId) {
      await client.sendCommand(['DEL', key(clientId)]);
    },
  };
}
