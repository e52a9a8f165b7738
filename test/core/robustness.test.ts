import { createHub, createPolling, createSSE } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { describe, expect, it, vi } from 'vitest';
import { createChannel } from '../../packages/core/src/channel';
import { fakePage } from './fakeEnv';
import { manualDriver, Wire } from './testDriver';

describe('bad input never throws to the caller', () => {
  it('reports a malformed URL as a config error naming it, without any request', () => {
    const fetch = vi.fn();
    const channel = createPolling('http://[', {
      hub: createHub(),
      env: { ...fakePage().env, fetch },
    });
    expect(() => channel.connect()).not.toThrow();
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind: 'config', retryable: false });
    expect(channel.getState().error?.message).toContain('"http://["');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('turns a platform constructor that throws into a config error, not a throw', () => {
    class ThrowingEventSource {
      constructor() {
        throw new SyntaxError('The URL is invalid');
      }
    }
    const channel = createSSE('/api/sse', {
      hub: createHub(),
      transport: 'native',
      env: { ...fakePage().env, EventSource: ThrowingEventSource as unknown as typeof EventSource },
    });
    expect(() => channel.connect()).not.toThrow();
    expect(channel.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
    expect(channel.getState().error?.message).toContain('The URL is invalid');
  });
});

describe('notify mode', () => {
  it('follows setOptions({ notify }) at once', async () => {
    const manual = manualDriver();
    const frames: Array<() => void> = [];
    const channel = createChannel<string, string, Wire>(
      { key: 'k', createWire: (env) => new Wire(manual.driver, env) },
      {
        hub: createHub(),
        parse: 'text',
        env: { ...fakePage().env, requestAnimationFrame: (fn) => frames.push(fn) },
      },
    );
    const notified = vi.fn();
    channel.subscribe(notified);
    channel.setOptions({ notify: 'sync' });
    const scheduledFrames = frames.length;
    manual.current.frame({ raw: 'a', meta: {} });
    expect(notified).toHaveBeenCalledTimes(1);
    expect(frames).toHaveLength(scheduledFrames);
  });
});

describe('notify in a hidden tab', () => {
  // Hidden tabs run no animation frames, and a microtask would notify once per socket message.
  it('batches with a timer, not a frame or a microtask', async () => {
    const manual = manualDriver();
    const frames: Array<() => void> = [];
    const timers: Array<() => void> = [];
    const page = fakePage({ hidden: true });
    const channel = createChannel<string, string, Wire>(
      { key: 'k', createWire: (env) => new Wire(manual.driver, env) },
      {
        hub: createHub(),
        parse: 'text',
        env: {
          ...page.env,
          requestAnimationFrame: (fn) => frames.push(fn),
          setTimeout: (fn) => timers.push(fn),
        },
      },
    );
    const notified = vi.fn();
    channel.subscribe(notified);
    manual.current.frame({ raw: 'a', meta: {} });
    await Promise.resolve();
    manual.current.frame({ raw: 'b', meta: {} });
    await Promise.resolve();
    expect(notified).not.toHaveBeenCalled();
    for (const fn of timers.splice(0)) fn();
    expect(notified).toHaveBeenCalledTimes(1);
    expect(channel.getState()).toMatchObject({ data: 'b', received: 2 });
    expect(frames).toHaveLength(0);
  });
});

describe('wire keys', () => {
  it('never expose credentials through hub.keys()', () => {
    const hub = createHub();
    const mqtt = createMqtt('ws://127.0.0.1:1/mqtt', {
      hub,
      topics: ['a/#'],
      username: 'ada',
      password: 'hunter2',
      env: fakePage().env,
      mqtt: () => new Promise(() => {}),
    });
    const sse = createSSE('http://127.0.0.1:1/api/sse', {
      hub,
      transport: 'fetch',
      headers: { Authorization: 'Bearer s3cret' },
      env: { ...fakePage().env, fetch: () => new Promise(() => {}) },
    });
    mqtt.connect();
    sse.connect();
    const keys = hub.keys().join('\n');
    expect(keys).not.toContain('hunter2');
    expect(keys).not.toContain('s3cret');
    expect(hub.keys()).toHaveLength(2);
    mqtt.close();
    sse.close();
  });

  it('keys a non-JSON body (FormData) by identity, so different bodies do not share', () => {
    const hub = createHub();
    const fetch = () => new Promise<Response>(() => {});
    const open = (body: FormData) =>
      createSSE('http://127.0.0.1:1/api/chat', {
        hub,
        method: 'POST',
        body,
        env: { ...fakePage().env, fetch },
      });
    const one = new FormData();
    one.set('prompt', 'a');
    const two = new FormData();
    two.set('prompt', 'b');
    const a = open(one);
    const b = open(two);
    const again = open(one);
    a.connect();
    b.connect();
    again.connect();
    expect(hub.keys()).toHaveLength(2);
    a.close();
    b.close();
    again.close();
  });

  it('still tells different credentials apart', () => {
    const hub = createHub();
    const options = {
      hub,
      topics: ['a/#'],
      env: fakePage().env,
      mqtt: () => new Promise<never>(() => {}),
    };
    const a = createMqtt('ws://127.0.0.1:1/mqtt', { ...options, username: 'u', password: 'one' });
    const b = createMqtt('ws://127.0.0.1:1/mqtt', { ...options, username: 'u', password: 'two' });
    a.connect();
    b.connect();
    expect(hub.keys()).toHaveLength(2);
    a.close();
    b.close();
  });
});
