import { createHub, createWebSocket } from '@tidings/core';
import { identityKey } from '@tidings/core/binding';
import { createSocketIO } from '@tidings/core/socket-io';
import { describe, expect, it } from 'vitest';
import { wireKey } from '../../packages/core/src/wireKey';
import { fakePage } from './fakeEnv';
import { fakeWebSocket } from './fakeWebSocket';

describe('wireKey', () => {
  it('hides a URL query string and user info, and still tells two of them apart', () => {
    const one = wireKey('webSocket', { url: 'wss://ada:pw1@x.test/ws?token=first&room=1' });
    const two = wireKey('webSocket', { url: 'wss://ada:pw2@x.test/ws?token=second&room=1' });
    for (const secret of ['first', 'second', 'token', 'pw1', 'pw2', 'ada']) {
      expect(one).not.toContain(secret);
      expect(two).not.toContain(secret);
    }
    expect(one).toContain('x.test/ws?');
    expect(one).not.toBe(two);
    expect(wireKey('webSocket', { url: 'wss://ada:pw1@x.test/ws?token=first&room=1' })).toBe(one);
  });

  it('hides the query of a relative URL and leaves text that is not a URL alone', () => {
    const key = wireKey('longPoll', { source: '/api/poll?token=s3cret', topic: 'a?b' });
    expect(key).not.toContain('s3cret');
    expect(key).toContain('/api/poll?');
    expect(key).toContain('"topic":"a?b"');
  });

  it('keys credential fields by a hash of their value, equal values alike', () => {
    const a = wireKey('mqtt', { password: 'hunter2', headers: { Authorization: 'Bearer x' } });
    const b = wireKey('mqtt', { password: 'hunter3', headers: { Authorization: 'Bearer x' } });
    expect(a).not.toContain('hunter2');
    expect(a).not.toContain('Bearer');
    expect(a).not.toBe(b);
    expect(wireKey('mqtt', { headers: { Authorization: 'Bearer x' }, password: 'hunter2' })).toBe(
      a,
    );
  });

  it('is the same key function the bindings use (identityKey), prefixed by the transport', () => {
    const parts = { url: '/ws?token=t', b: 1, a: [2] };
    expect(wireKey('webSocket', parts)).toBe(`webSocket:${identityKey(parts)}`);
  });
});

describe('hub.keys() with credentials in the URL', () => {
  it('shows no ?token=, shares one token, opens one socket per token', () => {
    const fake = fakeWebSocket();
    const hub = createHub();
    const env = { WebSocket: fake.WebSocket };
    const channels = ['alpha', 'alpha', 'beta'].map((token) =>
      createWebSocket(`ws://x.test/ws?token=${token}`, { hub, env }),
    );
    for (const channel of channels) channel.connect();
    expect(fake.sockets.map((socket) => socket.url)).toEqual([
      'ws://x.test/ws?token=alpha',
      'ws://x.test/ws?token=beta',
    ]);
    expect(hub.keys()).toHaveLength(2);
    expect(hub.keys().join('\n')).not.toMatch(/alpha|beta|token/);
    for (const channel of channels) channel.close();
  });

  it('hides a Socket.IO query and auth object', () => {
    const hub = createHub();
    const channel = createSocketIO('http://127.0.0.1:1', {
      hub,
      query: { token: 'q-secret' },
      auth: { token: 'a-secret' },
      env: fakePage().env,
      io: () => new Promise<never>(() => {}),
    });
    channel.connect();
    expect(hub.keys()).toHaveLength(1);
    expect(hub.keys()[0]).not.toMatch(/q-secret|a-secret/);
    channel.close();
  });
});
