import { describe, expect, it } from 'vitest';
import {
  filterProblem,
  TopicRefs,
  topicMatches,
  topicProblem,
} from '../../packages/core/src/transports/mqtt/topics';

describe('topicMatches', () => {
  const table: Array<[filter: string, topic: string, matches: boolean]> = [
    ['notifications/#', 'notifications/alert', true],
    ['notifications/#', 'notifications/a/b/c', true],
    ['notifications/#', 'notifications', true], // `#` includes the parent level
    ['notifications/#', 'notificationsX', false],
    ['notifications/#', 'other/alert', false],
    ['#', 'a/b', true],
    ['#', '/', true],
    ['+', 'a', true],
    ['+', 'a/b', false],
    ['+', '', true],
    ['+/+', '/finance', true],
    ['/+', '/finance', true],
    ['+', '/finance', false],
    ['sport/+/player1', 'sport/tennis/player1', true],
    ['sport/+/player1', 'sport/tennis/player2', false],
    ['sport/+/player1', 'sport/tennis/x/player1', false],
    ['sport/+', 'sport/', true], // an empty level is a level
    ['sport/+', 'sport', false],
    ['sport/tennis/#', 'sport/tennis', true],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['a/b/c', 'a/b', false],
    ['A/b', 'a/b', false], // case-sensitive
    // `$` topics are not matched by a wildcard in the first level…
    ['#', '$SYS/broker/clients', false],
    ['+/broker/clients', '$SYS/broker/clients', false],
    ['+/#', '$SYS/x', false],
    // …but are by an explicit first level.
    ['$SYS/#', '$SYS/broker/clients', true],
    ['$SYS/+/clients', '$SYS/broker/clients', true],
    ['notifications/+', 'notifications/$x', true], // `$` only matters at the first level
  ];
  it.each(table)('%s vs %s -> %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe('filterProblem / topicProblem', () => {
  it.each(['a/#', '#', '+', 'a/+/b', '+/+', '$SYS/#', 'a'])('accepts filter %s', (filter) => {
    expect(filterProblem(filter)).toBeUndefined();
  });
  it.each(['', 'a/#/b', 'a#', 'a/b#', 'a+', 'a/+b'])('rejects filter "%s"', (filter) => {
    expect(filterProblem(filter)).toBeTypeOf('string');
  });
  it('rejects wildcards in a publish topic', () => {
    expect(topicProblem('a/+')).toBeTypeOf('string');
    expect(topicProblem('a/#')).toBeTypeOf('string');
    expect(topicProblem('')).toBeTypeOf('string');
    expect(topicProblem('a/b')).toBeUndefined();
  });
});

describe('TopicRefs', () => {
  it('says when to subscribe (first ref, higher QoS) and when to unsubscribe (last ref)', () => {
    const refs = new TopicRefs();
    expect(refs.add('a/#', 0)).toBe(true);
    expect(refs.add('a/#', 0)).toBe(false);
    expect(refs.add('a/#', 1)).toBe(true); // higher QoS: subscribe again
    expect(refs.qosOf('a/#')).toBe(1);
    expect(refs.remove('a/#')).toBe(false);
    expect(refs.remove('a/#')).toBe(false);
    expect(refs.has('a/#')).toBe(true);
    expect(refs.remove('a/#')).toBe(true);
    expect(refs.has('a/#')).toBe(false);
    expect(refs.remove('a/#')).toBe(false);
    expect(refs.filters()).toEqual([]);
  });
});
