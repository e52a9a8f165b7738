import { type BroadcastChannelLike, createHub, type Hub, type TidingsEnv } from '@tidings/core';
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
  /** The tab stops running code (frozen or gone): no timers fire, nothing is posted or heard. */
  freeze(): void;
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
          if (!frozen) this.channel.postMessage(message);
        }
        close(): void {
          channels.delete(this.channel);
          this.channel.close();
        }
      }
      const tab: FakeTab = {
        id,
        hub: createHub({ crossTab: { beatMs: 50, staleMs: 400 } }),
        env: {
          ...page.env,
          locks: locks.forTab(id),
          BroadcastChannel: TabChannel,
          setTimeout: (fn, ms) => setTimeout(() => !frozen && fn(), ms),
          ...env,
        },
        setHidden: page.setHidden,
        freeze() {
          frozen = true;
        },
        crash() {
          frozen = true;
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
