/**
 * Socket.IO's connection state recovery: which event packets carry the server's offset.
 *
 * From the sources (socket.io 4.8 `SessionAwareAdapter.broadcast`): when the server runs with
 * `connectionStateRecovery`, every EVENT packet it emits or broadcasts gets the offset (a `yeast`
 * id: its clock in ms, base-64 encoded, plus `.n` when several share a millisecond) pushed as a
 * last argument, EXCEPT a packet that asks for an ack (it has a packet id: an ack cannot be
 * replayed) and a volatile one (`socket.volatile.emit`). socket.io-client then treats any trailing
 * string as the offset while its session has a pid, and hands it to listeners as one more
 * argument.
 *
 * So a trailing string is the offset only when all of these hold, or it is the app's data:
 * - the session has a pid (the server's CONNECT packet carried one: recovery is on);
 * - the event asks for no ack (exact: socket.io-client appends an ack function then);
 * - it is an offset of a time within a day of the client's clock: a yeast id (the in-memory
 *   adapter), or a Redis Streams entry id `<ms>-<seq>` in decimal (`@socket.io/redis-streams-
 *   adapter`, which serves recovery across server nodes). A volatile packet looks the same as
 *   any other on the wire; this is the one test of the value itself, and an app string that is
 *   also the encoding of the present millisecond is the only thing it can mistake.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const DAY = 24 * 60 * 60 * 1000;

export interface SplitArgs {
  /** The app's arguments: no offset, no ack function. */
  args: unknown[];
  /** The server's recovery offset, when the packet carried one. */
  offset: string | undefined;
  /** The server asked for an ack: calling it answers (once; later calls are ignored). */
  ack: ((...args: unknown[]) => void) | undefined;
}

/**
 * Splits the arguments socket.io-client hands to `onAny` into the app's arguments, the recovery
 * offset and the server's ack request.
 */
export function splitArgs(args: readonly unknown[], hasSession: boolean, now: number): SplitArgs {
  const last = args.at(-1);
  if (typeof last === 'function') {
    return {
      args: args.slice(0, -1),
      offset: undefined,
      ack: last as (...ackArgs: unknown[]) => void,
    };
  }
  if (hasSession && typeof last === 'string' && isRecentOffset(last, now)) {
    return { args: args.slice(0, -1), offset: last, ack: undefined };
  }
  return { args: [...args], offset: undefined, ack: undefined };
}

/** A recovery offset of either adapter whose time is within a day of `now`. */
export function isRecentOffset(value: string, now: number): boolean {
  return isRecentYeastId(value, now) || isRecentStreamEntryId(value, now);
}

/** `<ms>-<seq>`, both decimal, the ms within a day of `now`: a Redis Streams entry id. */
export function isRecentStreamEntryId(value: string, now: number): boolean {
  const dash = value.indexOf('-');
  if (dash === -1) return false;
  const ms = decimal(value.slice(0, dash));
  return (
    ms !== undefined && decimal(value.slice(dash + 1)) !== undefined && Math.abs(ms - now) <= DAY
  );
}

function decimal(text: string): number | undefined {
  if (text === '' || text.length > 16) return undefined;
  for (const char of text) if (char < '0' || char > '9') return undefined;
  return Number(text);
}

/** `<ms in base 64>` or `<ms in base 64>.<seed in base 64>`, the ms within a day of `now`. */
export function isRecentYeastId(value: string, now: number): boolean {
  const dot = value.indexOf('.');
  const time = dot === -1 ? value : value.slice(0, dot);
  if (dot !== -1 && decode(value.slice(dot + 1)) === undefined) return false;
  const ms = decode(time);
  return ms !== undefined && Math.abs(ms - now) <= DAY;
}

function decode(text: string): number | undefined {
  if (text === '' || text.length > 9) return undefined;
  let value = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit === -1) return undefined;
    value = value * 64 + digit;
  }
  return value;
}
