// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import type { TransportSwitch } from '@tidings/core';
import { useRealtime } from '@tidings/vue';
import { h, shallowRef } from 'vue';
import type { MockMessage } from '../common/control';
import { endpoints } from '../common/endpoints';
import {
  type FallbackArgs,
  fallbackArgs,
  fallbackArgTypes,
  SWITCH_HISTORY,
  toFallback,
} from '../common/fallback';
import { toReconnect } from '../common/hookArgs';
import { storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { type Feed, feedOf } from './components/feed';
import { HostileNetworkPanel } from './components/HostileNetworkPanel';
import { LiveStory } from './components/LiveStory';
import { MessageLog } from './components/MessageLog';
import { TransportPanel } from './components/TransportPanel';

const meta = {
  title: 'Composables/useRealtime',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useRealtime(endpoints)` offers one stream over WebSocket, SSE, long polling and short polling of the same log, and uses the first that opens and delivers. Break them with the hostile-network buttons: refused upgrades move it to SSE, a buffered stream to long polling, cut connections down to short polling; "Friendly network" lets the next probe bring it back up. `transport` and `switched` say where it is and why.',
      },
    },
  },
  args: fallbackArgs,
  argTypes: fallbackArgTypes,
} satisfies Meta<FallbackArgs>;

export default meta;

/** One stream that falls from WebSocket to SSE to long and short polling as each is broken. */
export const Fallback: StoryObj<FallbackArgs> = {
  render: (args) => ({
    setup() {
      const history = shallowRef<TransportSwitch[]>([]);
      // A getter: a changed control is a new wire option, so the channel restarts with it.
      const state = useRealtime<MockMessage, Feed>(
        { webSocket: endpoints.ws, sse: endpoints.sse, longPoll: endpoints.longPoll },
        () => ({
          events: ['notification'],
          reduce: feedOf,
          reconnect: toReconnect(args),
          fallback: toFallback(args),
          onSwitch: (change: TransportSwitch) => {
            history.value = [...history.value, change].slice(-SWITCH_HISTORY);
          },
        }),
      );
      return () =>
        h(
          LiveStory,
          { name: storyNames.realtimeFallback, ...storyTexts.realtimeFallback, state },
          {
            top: () => h(HostileNetworkPanel),
            side: () =>
              h(TransportPanel, { transport: state.transport.value, history: history.value }),
            default: () => h(MessageLog, { lines: state.data.value?.lines ?? [] }),
          },
        );
    },
  }),
};
