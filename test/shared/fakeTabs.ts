import { type BroadcastChannelLike, createHub, type Hub, type TidingsEnv } from '@tidings/core';
import { crossTab } from '@tidings/core/cross-tab';
import { fakePage } from '../core/fakeEnv';
import { FakeLocks } from './fakeLocks';

/**
 * One tab of a fake browser: its own page (window, document), hub and timers, Node's real
 * BroadcastChannel, and the browser's shared Web Locks. `crash()` is a tab that vanishes without
 * running another line (closed, killed): its locks are freed and it says nothing more.
 */
export interface FakeTab {
  id: string;
  env: Partial<TidingsEnv>;
  hub: Hub;
  setHidden(hidden: boolean): void;
  /**
   * The tab stops running code (frozen, stuck): its timers and posts wait for `thaw()`, and what
   * other tabs post meanwhile never reaches it (it missed those frames).
   */
  freeze(): void;
  /** Runs again: the timers that came due and the posts it made while frozen go out, in order. */
  thaw(): void;
  crash(): void;
  /** Closes the tab's BroadcastChannels, so Node can exit. */
  dispose(): void;
}

export function fakeBrowser() {
  const locks = new FakeLocks();
  const tabs: FakeTab[] = [];
  let count = 0;
  return {
    locks,
    tabs,
    tab(env: Partial<TidingsEnv> = {}): FakeTab {
      const id = `tab${++count}`;
      const page = fakePage();
      let frozen = false;
      const channels = new Set<BroadcastChannel>();
      /** What came due while frozen: timers and posts, run in order on thaw. */
      const held: Array<() => void> = [];
      const whenRunning = (fn: () => void) => (frozen ? held.push(fn) : fn());
      class TabChannel implements BroadcastChannelLike {
        onmessage: ((event: MessageEvent) => void) | null = null;
        private readonly channel: BroadcastChannel;
        constructor(name: string) {
          this.channel = new BroadcastChannel(name);
          channels.add(this.channel);
          this.channel.onmessage = (event) => {
            if (!frozen) this.onmessage?.(event as MessageEvent);
          };
        }
        postMessage(message: unknown): void {
          // Cloned now, as the platform does, so a later change to `message` is not posted.
          const copy = structuredClone(message);
          whenRunning(() => {
            if (channels.has(this.channel)) this.channel.postMessage(copy);
          });
        }
        close(): void {
          channels.delete(this.channel);
          this.channel.close();
        }
      }
      const tab: FakeTab = {
        id,
        // Short beats keep the frozen-leader tests quick; the silence bound stays well above what a
        // loaded machine can stall an event loop, so no test sees a steal it did not cause.
        hub: createHub({ crossTab: crossTab({ beatMs: 100, staleMs: 1500 }) }),
        env: {
          ...page.env,
          locks: locks.forTab(id),
          BroadcastChannel: TabChannel,
          setTimeout: (fn, ms) => {
            const timer = { cancelled: false, handle: undefined as unknown };
            timer.handle = setTimeout(() => whenRunning(() => !timer.cancelled && fn()), ms);
            return timer;
          },
          clearTimeout: (timer) => {
            // Like the platform's, clearing nothing (undefined) is a no-op.
            const t = timer as
              | { cancelled: boolean; handle: ReturnType<typeof setTimeout> }
              | undefined;
            if (!t) return;
            t.cancelled = true;
            clearTimeout(t.handle);
          },
          ...env,
        },
        setHidden: page.setHidden,
        freeze() {
          frozen = true;
        },
        thaw() {
          frozen = false;
          for (const fn of held.splice(0)) fn();
        },
        crash() {
          frozen = true;
          // A gone tab's pending posts and timers never run.
          held.length = 0;
          locks.closeTab(id);
        },
        dispose() {
          for (const channel of channels) channel.close();
          channels.clear();
        },
      };
      tabs.push(tab);
      return tab;
    },
    dispose() {
      for (const tab of tabs) tab.dispose();
    },
  };
}
