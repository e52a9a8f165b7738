import { describe, expect, it } from 'vitest';
import {
  isRecentOffset,
  isRecentStreamEntryId,
  isRecentYeastId,
  splitArgs,
} from '../../packages/core/src/transports/socketIO/offset';

/** socket.io's offset format (`yeast`): the time in ms in base 64, digits first. */
function yeastOf(ms: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  let encoded = '';
  let rest = ms;
  do {
    encoded = alphabet[rest % 64] + encoded;
    rest = Math.floor(rest / 64);
  } while (rest > 0);
  return encoded;
}

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('Socket.IO recovery offset', () => {
  it('recognises an offset of the present, with or without a seed suffix', () => {
    expect(isRecentYeastId(yeastOf(NOW), NOW)).toBe(true);
    expect(isRecentYeastId(`${yeastOf(NOW - 60_000)}.${yeastOf(3)}`, NOW)).toBe(true);
    expect(isRecentYeastId(yeastOf(NOW + 3_600_000), NOW)).toBe(true);
  });

  it('refuses app strings: other times, other characters, empty parts', () => {
    for (const text of [
      'alice',
      'hello',
      'meeting',
      '',
      yeastOf(NOW - 2 * 86_400_000),
      `${yeastOf(NOW)}.`,
      `${yeastOf(NOW)}.1.2`,
      `${yeastOf(NOW)} `,
      `.${yeastOf(NOW)}`,
      'ZZZZZZZZZZZZ',
    ]) {
      expect(isRecentYeastId(text, NOW), text).toBe(false);
    }
  });

  it('recognises the Redis Streams adapter offset, <ms>-<seq> in decimal', () => {
    expect(isRecentStreamEntryId(`${NOW}-0`, NOW)).toBe(true);
    expect(isRecentStreamEntryId(`${NOW - 3_600_000}-12`, NOW)).toBe(true);
    expect(isRecentOffset(`${NOW}-3`, NOW)).toBe(true);
    for (const text of [
      `${NOW - 2 * 86_400_000}-0`,
      `${NOW}-`,
      `-${NOW}`,
      `${NOW}-1-2`,
      `${NOW}-x`,
      '2026-12-01',
      'well-known',
    ]) {
      expect(isRecentStreamEntryId(text, NOW), text).toBe(false);
    }
    expect(splitArgs(['hello', `${NOW}-0`], true, NOW)).toEqual({
      args: ['hello'],
      offset: `${NOW}-0`,
      ack: undefined,
    });
  });

  it('splits only what the server appended', () => {
    const offset = yeastOf(NOW);
    const ack = () => {};
    expect(splitArgs(['hello', offset], true, NOW)).toEqual({
      args: ['hello'],
      offset,
      ack: undefined,
    });
    // No session: recovery is off, the string is data.
    expect(splitArgs(['hello', offset], false, NOW).args).toEqual(['hello', offset]);
    // An ack request: the server never appends an offset to it.
    expect(splitArgs(['hello', offset, ack], true, NOW)).toEqual({
      args: ['hello', offset],
      offset: undefined,
      ack,
    });
    expect(splitArgs(['alice'], true, NOW).args).toEqual(['alice']);
    expect(splitArgs([], true, NOW).args).toEqual([]);
  });
});
