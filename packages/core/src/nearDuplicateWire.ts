import { warnOnce } from './warnOnce';

/**
 * Wire options that tune how a connection is kept (retries, liveness, cadence) without changing
 * what it delivers: two wires that differ only in these carry the same messages over two
 * connections, almost always by accident (two components writing their own `reconnect` literal).
 */
const TUNING_FIELDS = new Set([
  'reconnect',
  'pauseWhenHidden',
  'idleTimeout',
  'heartbeat',
  'heartbeatTimeout',
  'timeout',
  'interval',
  'ackTimeout',
]);

/**
 * Development only: warns once when a new wire's key matches a live one but for tuning fields.
 * Keys are `wireKey` strings (`transport:` + JSON with sorted fields), credentials already hashed,
 * so the warning can name the fields without showing a secret.
 */
export function warnNearDuplicateWire(key: string, liveKeys: Iterable<string>): void {
  const wire = fieldsOf(key);
  if (!wire) return;
  for (const liveKey of liveKeys) {
    const live = fieldsOf(liveKey);
    if (!live || live.transport !== wire.transport) continue;
    const differing = tuningDifference(wire.fields, live.fields);
    if (!differing?.length) continue;
    warnOnce(
      `near-duplicate:${liveKey}|${key}`,
      `two ${wire.transport} wires differ only in ${differing.join(', ')}, so they open two ` +
        'connections for the same messages. Give both the same values (one shared options ' +
        'object) to share one connection.',
    );
    return;
  }
}

interface KeyFields {
  transport: string;
  fields: Record<string, unknown>;
}

function fieldsOf(key: string): KeyFields | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    const fields: unknown = JSON.parse(key.slice(colon + 1));
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return undefined;
    return { transport: key.slice(0, colon), fields: fields as Record<string, unknown> };
  } catch {
    // A hub also holds keys of custom transports, which need not be JSON.
    return undefined;
  }
}

/** The tuning fields that differ, or undefined when any other field differs. */
function tuningDifference(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): string[] | undefined {
  const differing: string[] = [];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[name]) === JSON.stringify(b[name])) continue;
    if (!TUNING_FIELDS.has(name)) return undefined;
    differing.push(name);
  }
  return differing;
}
