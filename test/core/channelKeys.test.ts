import {
  type Channel,
  createHub,
  createIframeStream,
  createLongPoll,
  createPolling,
  createSSE,
  createWebSocket,
} from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { describe, expect, it } from 'vitest';
import { channelInternals } from '../../packages/core/src/channelInternals';

// What an app can see on a channel is its contract: the Channel methods and the transport's own
// verbs. The transport's internals (the wire, the reporter) are held apart, not as a property.
const CHANNEL = [
  'close',
  'connect',
  'getState',
  'onMessage',
  'raw',
  'reconnect',
  'setOptions',
  'subscribe',
];

describe('a channel object', () => {
  const hub = createHub();
  const never = () => new Promise<never>(() => {});
  const cases: Array<[name: string, make: () => object, verbs: string[]]> = [
    ['createPolling', () => createPolling('http://x.test/a', { hub }), ['refresh']],
    ['createLongPoll', () => createLongPoll('http://x.test/a', { hub }), []],
    ['createSSE', () => createSSE('http://x.test/a', { hub }), []],
    [
      'createSSE manual',
      () => createSSE('http://x.test/a', { hub, manual: true }),
      ['start', 'stop'],
    ],
    ['createWebSocket', () => createWebSocket('ws://x.test/a', { hub }), ['send']],
    [
      'createMqtt',
      () => createMqtt('ws://x.test/mqtt', { hub, topics: 'a', mqtt: never }),
      ['publish'],
    ],
    [
      'createSocketIO',
      () => createSocketIO('http://x.test', { hub, io: never }),
      ['emit', 'emitWithAck', 'recovered'],
    ],
    ['createIframeStream', () => createIframeStream('http://x.test/stream', { hub }), []],
  ];

  it.each(cases)('%s has only its public keys', (_name, make, verbs) => {
    const channel = make();
    expect(Object.keys(channel).sort()).toEqual([...CHANNEL, ...verbs].sort());
    expect('internals' in channel).toBe(false);
    // The transport still reaches its internals, through the channel, not through a property.
    expect(channelInternals(channel).wire()).toBeUndefined();
    (channel as Channel<unknown>).close();
  });

  it('refuses an object that is not a channel', () => {
    expect(() => channelInternals({ ...createPolling('http://x.test/a', { hub }) })).toThrow(
      'not a channel made by createChannel',
    );
  });
});
