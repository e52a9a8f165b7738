import { createHub, createWebSocket, type TidingsError } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { hasProtoKey } from '../../packages/core/src/protoKey';
import { fakePage } from './fakeEnv';
import { fakeWebSocket } from './fakeWebSocket';

describe('hasProtoKey', () => {
  it('finds the key at any depth, in objects and arrays', () => {
    expect(hasProtoKey(JSON.parse('{"__proto__":{"x":1}}'))).toBe(true);
    expect(hasProtoKey(JSON.parse('{"a":[1,{"b":{"__proto__":null}}]}'))).toBe(true);
    expect(hasProtoKey(JSON.parse('[{"ok":1},{"__proto__":2}]'))).toBe(true);
    expect(hasProtoKey(JSON.parse('{"a":{"proto":1,"constructor":{"x":1}},"b":"__proto__"}'))).toBe(
      false,
    );
    expect(hasProtoKey('__proto__')).toBe(false);
    expect(hasProtoKey(null)).toBe(false);
  });

  it('walks a long array', () => {
    const long = Array.from({ length: 1_000_000 }, (_, n) => ({ n }));
    expect(hasProtoKey(long)).toBe(false);
    long.push(JSON.parse('{"__proto__":1}'));
    expect(hasProtoKey(long)).toBe(true);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}`);
    expect(hasProtoKey(deep)).toBe(true);
  });
});

describe("the default 'json' parse", () => {
  function socket() {
    const fake = fakeWebSocket();
    const errors: TidingsError[] = [];
    const seen: unknown[] = [];
    const channel = createWebSocket<unknown>('ws://x.test/ws', {
      hub: createHub(),
      notify: 'sync',
      onError: (error) => errors.push(error),
      env: { ...fakePage().env, WebSocket: fake.WebSocket },
    });
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    fake.last.open();
    return { receive: (text: string) => fake.last.receive(text), errors, seen };
  }

  it('refuses a __proto__ key spelled with \\u escapes', () => {
    const t = socket();
    t.receive('{"\\u005f\\u005fproto\\u005f\\u005f":{"admin":true}}');
    expect(t.seen).toEqual([]);
    expect(t.errors.map((e) => e.kind)).toEqual(['parse']);
    expect(t.errors[0]?.message).toContain('"__proto__" key');
  });

  it('delivers text with other \\u escapes untouched', () => {
    const t = socket();
    t.receive('{"name":"caf\\u00e9","tag":"__proto__"}');
    expect(t.seen).toEqual([{ name: 'café', tag: '__proto__' }]);
    expect(t.errors).toEqual([]);
  });
});
