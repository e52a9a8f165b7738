import {
  bindLatest,
  consumerOptionKeys,
  identityKey,
  LATEST,
  latest,
  splitOptions,
  wireIdentity,
} from '@tidings/core/binding';
import { describe, expect, it } from 'vitest';

describe('splitOptions', () => {
  const onMessage = () => {};
  const fetcher = () => Promise.resolve(1);

  it('gives every consumer key, even undefined, and keeps read-once keys and the hub out of the wire', () => {
    const { consumer, wire } = splitOptions({
      onMessage,
      initial: [],
      env: {},
      hub: {},
      interval: 5000,
      fetcher,
    });
    expect(Object.keys(consumer).sort()).toEqual([...consumerOptionKeys].sort());
    expect(consumer.onMessage).toBe(onMessage);
    expect(consumer.parse).toBeUndefined();
    expect(wire).toEqual({ interval: 5000, fetcher });
  });

  it('treats extra consumer keys as consumer options', () => {
    const onRecover = () => {};
    const { consumer, wire } = splitOptions({ onRecover, events: ['a'] }, ['onRecover']);
    expect(consumer.onRecover).toBe(onRecover);
    expect(wire).toEqual({ events: ['a'] });
  });

  it('accepts no options', () => {
    expect(splitOptions(undefined).wire).toEqual({});
  });
});

describe('wireIdentity + identityKey', () => {
  const key = (source: unknown, options: object) =>
    identityKey(wireIdentity(source, splitOptions(options).wire));

  it('compares by value with sorted keys', () => {
    expect(key('/a', { topics: ['x'], qos: 1 })).toBe(key('/a', { qos: 1, topics: ['x'] }));
    expect(key('/a', { topics: ['x'] })).not.toBe(key('/a', { topics: ['y'] }));
    expect(key(new URL('http://x.test/a'), {})).toBe(key('http://x.test/a', {}));
  });

  it('marks function options and a function source, so a new closure is the same wire', () => {
    expect(wireIdentity(() => 1, { headers: () => ({}) })).toEqual([LATEST, { headers: LATEST }]);
    expect(key(() => 1, { headers: () => ({}) })).toBe(key(() => 2, { headers: () => ({}) }));
    expect(key('/a', { headers: () => ({}) })).not.toBe(key('/a', {}));
  });

  it('ignores consumer and read-once options', () => {
    expect(key('/a', { onMessage: () => {}, initial: { n: 1 }, env: {} })).toBe(key('/a', {}));
  });

  it('counts class instances and module-like objects by reference', () => {
    class Thing {}
    const one = new Thing();
    expect(identityKey({ x: one })).toBe(identityKey({ x: one }));
    expect(identityKey({ x: one })).not.toBe(identityKey({ x: new Thing() }));
    const moduleLike = Object.create(null, { [Symbol.toStringTag]: { value: 'Module' } });
    const other = Object.create(null, { [Symbol.toStringTag]: { value: 'Module' } });
    expect(identityKey(moduleLike)).not.toBe(identityKey(other));
  });
});

describe('latest / bindLatest', () => {
  it('calls the closure current at call time, through one wrapper per name', () => {
    let options: Record<string, unknown> = { headers: () => 'a', interval: 1 };
    const wrappers = new Map();
    const bound = bindLatest(options, (name) => options[name], wrappers);
    expect(bound.interval).toBe(1);
    const headers = bound.headers as () => string;
    expect(headers()).toBe('a');
    options = { headers: () => 'b', interval: 1 };
    expect(headers()).toBe('b');
    expect(bindLatest(options, (name) => options[name], wrappers).headers).toBe(headers);
  });

  it('throws a TypeError when the function was removed', () => {
    expect(latest(() => undefined)).toThrow(TypeError);
  });
});

describe('functions nested in options (a heartbeat pong)', () => {
  const key = (options: object) => identityKey(wireIdentity('/ws', splitOptions(options).wire));

  it('are marked at any depth, so a new inline closure is the same wire', () => {
    const pong = () => (raw: unknown) => raw === 'pong';
    expect(key({ heartbeat: { interval: 1, pong: pong() } })).toBe(
      key({ heartbeat: { interval: 1, pong: pong() } }),
    );
    expect(key({ list: [{ fn: pong() }] })).toBe(key({ list: [{ fn: pong() }] }));
    expect(key({ heartbeat: { interval: 1, pong: pong() } })).not.toBe(
      key({ heartbeat: { interval: 2, pong: pong() } }),
    );
  });

  it('are bound to the closure at the same place in the latest options, one wrapper per place', () => {
    let options: Record<string, unknown> = { heartbeat: { interval: 1, pong: () => 'a' } };
    const wrappers = new Map();
    const bound = bindLatest(options, (name) => options[name], wrappers);
    const pong = (bound.heartbeat as { pong: () => string }).pong;
    expect(pong()).toBe('a');
    options = { heartbeat: { interval: 1, pong: () => 'b' } };
    expect(pong()).toBe('b');
    const again = bindLatest(options, (name) => options[name], wrappers);
    expect((again.heartbeat as { pong: unknown }).pong).toBe(pong);
    expect((again.heartbeat as { interval: number }).interval).toBe(1);
  });
});
