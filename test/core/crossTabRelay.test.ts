import { TidingsError } from '@tidings/core';
import { crossTabRole } from '@tidings/core/cross-tab';
import { createChannel, Wire } from '@tidings/core/transport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../shared/fakeTabs';
import { manualDriver } from './testDriver';

// What the leading tab's wire sees reaches every tab as if it were its own: driven by hand through
// a test driver in each fake tab (Node's BroadcastChannel, the in-memory Web Locks).

let browser: ReturnType<typeof fakeBrowser>;
const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  browser.dispose();
});

function openTabs(count: number) {
  browser = fakeBrowser();
  return Array.from({ length: count }, () => {
    const tab = browser.tab();
    const driver = manualDriver();
    const errors: TidingsError[] = [];
    const channel = createChannel<string, string[], Wire>(
      { key: 'manual:relay', createWire: (env) => new Wire(driver.driver, env) },
      {
        hub: tab.hub,
        env: tab.env,
        parse: 'text',
        notify: 'sync',
        reduce: (list = [], message) => [...list, message],
        onError: (error) => errors.push(error),
      },
    );
    channel.connect();
    cleanups.push(() => channel.close());
    return { tab, driver, channel, errors };
  });
}

type Tabs = ReturnType<typeof openTabs>;

async function leaderOf(tabs: Tabs) {
  await vi.waitFor(() => {
    expect(tabs.filter((t) => crossTabRole(t.channel)?.leading)).toHaveLength(1);
  });
  const leader = tabs.find((t) => crossTabRole(t.channel)?.leading) as Tabs[number];
  await vi.waitFor(() => expect(leader.driver.attempts.length).toBeGreaterThan(0));
  return { leader, followers: tabs.filter((t) => t !== leader) };
}

describe('crossTab relay', () => {
  it('only the leading tab starts attempts; frames, status and cursor reach every tab', async () => {
    const tabs = openTabs(3);
    const { leader, followers } = await leaderOf(tabs);
    for (const follower of followers) expect(follower.driver.attempts).toHaveLength(0);
    leader.driver.current.opened();
    leader.driver.current.frame({ raw: 'a', meta: {}, id: '1' });
    leader.driver.current.frame({ raw: 'b', meta: {}, id: '2' });
    await vi.waitFor(() => {
      for (const t of tabs) {
        expect(t.channel.getState()).toMatchObject({
          status: 'open',
          data: ['a', 'b'],
          cursor: '2',
        });
      }
    });
  });

  it("a failure and retry show in every tab with the leader's error and attempt count", async () => {
    const tabs = openTabs(2);
    const { leader, followers } = await leaderOf(tabs);
    leader.driver.current.opened();
    leader.driver.current.fail(new TidingsError('network', 'the socket dropped'));
    await vi.waitFor(() => {
      for (const t of followers) {
        expect(t.channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
        expect(t.channel.getState().error?.message).toBe('the socket dropped');
      }
    });
    expect(followers[0]?.errors.map((e) => e.kind)).toEqual(['network']);
  });

  it("the leader's reset reaches every tab, which forgets its seen ids as the leader does", async () => {
    const tabs = openTabs(2);
    const { leader, followers } = await leaderOf(tabs);
    const follower = followers[0] as Tabs[number];
    leader.driver.current.opened();
    leader.driver.current.frame({ raw: 'a', meta: {}, id: '7' });
    await vi.waitFor(() => expect(follower.channel.getState().data).toEqual(['a']));
    leader.driver.current.reset('3', 'evicted');
    // The restarted server issues id 7 again: a new message, not a duplicate.
    leader.driver.current.frame({ raw: 'again', meta: {}, id: '7' });
    await vi.waitFor(() => {
      for (const t of tabs) expect(t.channel.getState().data).toEqual(['a', 'again']);
    });
    expect(follower.errors.map((e) => e.kind)).toEqual(['reset']);
    expect(follower.channel.getState()).toMatchObject({ status: 'open', cursor: '7' });
  });

  it("a problem the leader's wire reports (a bad frame) reaches every tab's onError", async () => {
    const tabs = openTabs(2);
    const { leader, followers } = await leaderOf(tabs);
    leader.driver.current.opened();
    leader.driver.current.report(new TidingsError('parse', 'frame 3 is not JSON'));
    await vi.waitFor(() => {
      expect(followers[0]?.errors.map((e) => e.message)).toEqual(['frame 3 is not JSON']);
    });
  });

  it('a follower that joins late takes the status and cursor of the running wire', async () => {
    const [first] = openTabs(1) as [Tabs[number]];
    await vi.waitFor(() => expect(first.driver.attempts).toHaveLength(1));
    first.driver.current.opened();
    first.driver.current.setCursor('41');
    const tab = browser.tab();
    const driver = manualDriver();
    const late = createChannel<string, string, Wire>(
      { key: 'manual:relay', createWire: (env) => new Wire(driver.driver, env) },
      { hub: tab.hub, env: tab.env, parse: 'text', notify: 'sync' },
    );
    late.connect();
    cleanups.push(() => late.close());
    await vi.waitFor(() => expect(late.getState()).toMatchObject({ status: 'open', cursor: '41' }));
    expect(driver.attempts).toHaveLength(0);
  });
});
