import { createHub, createWebSocket } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { fakePage } from './fakeEnv';
import { fakeWebSocket } from './fakeWebSocket';

function open(url: unknown, options: Parameters<typeof createWebSocket>[1] = {}, window?: unknown) {
  const fake = fakeWebSocket();
  const env: Record<string, unknown> = { WebSocket: fake.WebSocket };
  if (window !== undefined) env.window = window;
  const channel = createWebSocket(url as string, { hub: createHub(), ...options, env });
  channel.connect();
  return { fake, channel };
}

describe('createWebSocket URL and options', () => {
  it.each([
    ['ws://x.test/ws', 'ws://x.test/ws'],
    ['wss://x.test/ws?a=1', 'wss://x.test/ws?a=1'],
    ['http://x.test:81/ws', 'ws://x.test:81/ws'],
    ['https://x.test/ws', 'wss://x.test/ws'],
  ])('accepts %s as %s', (url, expected) => {
    const { fake, channel } = open(url);
    expect(fake.last.url).toBe(expected);
    channel.close();
  });

  it('resolves a relative URL against the page location', () => {
    const page = fakePage();
    const window = Object.assign(page.env.window as object, {
      location: { href: 'https://app.test/inbox/42' },
    });
    const { fake, channel } = open('/ws?x=1', {}, window);
    expect(fake.last.url).toBe('wss://app.test/ws?x=1');
    channel.close();
  });

  it.each([
    ['/ws', 'relative'],
    ['ftp://x.test/ws', 'must use ws:'],
    ['', 'must not be empty'],
    [42, 'must be a URL string'],
  ])('reports url %j as a config error naming url', (url, text) => {
    const { fake, channel } = open(url);
    expect(fake.sockets).toHaveLength(0);
    const { error, status } = channel.getState();
    expect(status).toBe('closed');
    expect(error).toMatchObject({ kind: 'config', retryable: false });
    expect(error?.message).toMatch(/^url /);
    expect(error?.message).toContain(text);
  });

  it.each([
    [{ queue: -1 }, 'queue'],
    [{ queue: 1.5 }, 'queue'],
    [{ protocols: [''] }, 'protocols'],
    [{ heartbeat: { timeout: 0 } }, 'heartbeat.timeout'],
  ])('reports option %j as a config error naming it', (options, name) => {
    const { fake, channel } = open('ws://x.test/ws', options as never);
    expect(fake.sockets).toHaveLength(0);
    expect(channel.getState().error).toMatchObject({ kind: 'config' });
    expect(channel.getState().error?.message).toContain(name);
  });

  it('reports a missing WebSocket implementation as a config error', async () => {
    const channel = createWebSocket('ws://x.test/ws', {
      hub: createHub(),
      env: { WebSocket: undefined },
    });
    channel.connect();
    await Promise.resolve();
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind: 'config' });
    expect(channel.getState().error?.message).toContain('env.WebSocket');
  });
});
