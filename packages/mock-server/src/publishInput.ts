import { badRequest } from './errors';
import type { PublishInput } from './types';

const KNOWN = new Set(['type', 'data', 'topic', 'raw']);

/** Validates a publish request (control API or programmatic), naming the offending field. */
export function parsePublish(input: unknown): PublishInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badRequest('publish body must be a JSON object');
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN.has(key)) throw badRequest(`unknown publish field "${key}"`);
  }
  const { type, data, topic, raw } = record;
  if (typeof type !== 'string' || type === '') throw badRequest('type must be a non-empty string');
  const parsed: PublishInput = { type, data };
  if (topic !== undefined) {
    // A publish topic with a wildcard is a protocol error that the broker would reject later.
    if (typeof topic !== 'string' || topic === '' || topic.includes('+') || topic.includes('#')) {
      throw badRequest('topic must be a non-empty MQTT topic without wildcards (+, #)');
    }
    parsed.topic = topic;
  }
  if (raw !== undefined) {
    if (typeof raw !== 'string') throw badRequest('raw must be a string');
    parsed.raw = raw;
  }
  return parsed;
}
