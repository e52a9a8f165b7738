import { knownFields } from './bodyFields';
import { badRequest } from './errors';
import { topicProblem } from './topicName';
import type { PublishInput } from './types';

const KNOWN = new Set(['type', 'data', 'topic', 'raw']);

/** Validates a publish request (control API or programmatic), naming the offending field. */
export function parsePublish(input: unknown): PublishInput {
  const record = knownFields(input, KNOWN, {
    notAnObject: 'publish body must be a JSON object',
    field: 'publish',
  });
  const { type, data, topic, raw } = record;
  if (typeof type !== 'string' || type === '') throw badRequest('type must be a non-empty string');
  // The type is written as the SSE `event:` field: a line break would start fields of its own.
  if (type.includes('\n') || type.includes('\r') || type.includes('\0')) {
    throw badRequest(`type must not contain CR, LF or NUL, got ${JSON.stringify(type)}`);
  }
  const parsed: PublishInput = { type, data };
  if (topic !== undefined) {
    const problem = typeof topic === 'string' ? topicProblem(topic) : 'is not a string';
    if (problem) throw badRequest(`topic must be an MQTT topic name, but ${problem}`);
    parsed.topic = topic as string;
  } else {
    // MQTT publishes it on a topic made from the type: that topic must be valid too.
    const problem = topicProblem(`notifications/${type}`);
    if (problem) {
      throw badRequest(`type makes the MQTT topic notifications/${type}, which ${problem}`);
    }
  }
  if (raw !== undefined) {
    if (typeof raw !== 'string') throw badRequest('raw must be a string');
    parsed.raw = raw;
  }
  return parsed;
}
