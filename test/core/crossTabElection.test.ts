import { describe, expect, it } from 'vitest';
import { Election } from '../../packages/core/src/crossTab/election';
import { FakeLocks } from '../shared/fakeLocks';

/** An election of one tab, with what it heard. */
function candidate(locks: FakeLocks, tab: string) {
  const heard: string[] = [];
  const election = new Election(locks.forTab(tab), 'lock', {
    lead: () => heard.push('lead'),
    deposed: () => heard.push('deposed'),
  });
  return { election, heard };
}

/** Lets the fake lock manager's promise chains run (grants and releases are promise jobs). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Election over Web Locks', () => {
  it('one tab leads at a time, the next in line leads once it leaves', async () => {
    const locks = new FakeLocks();
    const a = candidate(locks, 'a');
    const b = candidate(locks, 'b');
    a.election.join();
    b.election.join();
    await settle();
    expect([a.election.leading, b.election.leading]).toEqual([true, false]);
    expect(b.election.waiting).toBe(true);
    a.election.leave();
    await settle();
    expect([a.election.leading, b.election.leading]).toEqual([false, true]);
    expect(locks.holder('lock')).toBe('b');
    expect(a.heard).toEqual(['lead']);
    expect(b.heard).toEqual(['lead']);
  });

  it('a closed tab frees the lock without a word from it', async () => {
    const locks = new FakeLocks();
    const a = candidate(locks, 'a');
    const b = candidate(locks, 'b');
    a.election.join();
    b.election.join();
    await settle();
    locks.closeTab('a');
    await settle();
    expect(b.election.leading).toBe(true);
  });

  it('leaving the line before the grant never leads', async () => {
    const locks = new FakeLocks();
    const a = candidate(locks, 'a');
    const b = candidate(locks, 'b');
    a.election.join();
    b.election.join();
    await settle();
    b.election.leave();
    a.election.leave();
    await settle();
    expect(b.heard).toEqual([]);
    expect(locks.holder('lock')).toBeUndefined();
  });

  it('a steal takes the lock from a silent holder, which is told and gets back in line', async () => {
    const locks = new FakeLocks();
    const a = candidate(locks, 'a');
    const b = candidate(locks, 'b');
    a.election.join();
    b.election.join();
    await settle();
    b.election.steal();
    await settle();
    expect(b.election.leading).toBe(true);
    expect(a.heard).toEqual(['lead', 'deposed']);
    expect(a.election.waiting).toBe(true);
    // Once the thief leaves, the robbed tab leads again.
    b.election.leave();
    await settle();
    expect(a.election.leading).toBe(true);
    expect(a.heard).toEqual(['lead', 'deposed', 'lead']);
  });

  it('steal() does nothing unless waiting', async () => {
    const locks = new FakeLocks();
    const a = candidate(locks, 'a');
    a.election.steal();
    await settle();
    expect(a.heard).toEqual([]);
    a.election.join();
    await settle();
    a.election.steal();
    await settle();
    expect(a.heard).toEqual(['lead']);
  });
});
