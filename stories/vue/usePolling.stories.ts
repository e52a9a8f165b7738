// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { usePolling } from '@tidings/vue';
import { h } from 'vue';
import type { MockMessage } from '../common/control';
import { describeMessage } from '../common/describe';
import { endpoints } from '../common/endpoints';
import { type PollingArgs, pollingArgs, pollingArgTypes, toReconnect } from '../common/hookArgs';
import { storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';

interface Snapshot {
  unread: number;
  items: MockMessage[];
}

const meta = {
  title: 'Composables/usePolling',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Short polling: `GET /api/notifications` every `interval` ms; the answer `{ unread, items }` feeds the badge. Pauses while the tab is hidden and polls at once when it is visible again.',
      },
    },
  },
  args: pollingArgs,
  argTypes: pollingArgTypes,
} satisfies Meta<PollingArgs>;

export default meta;

/** The unread badge of a site header, refreshed by short polling. */
export const Badge: StoryObj<PollingArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so polling restarts with it.
      const state = usePolling<Snapshot>(endpoints.notifications, () => ({
        interval: args.interval,
        pauseWhenHidden: args.pauseWhenHidden,
        reconnect: toReconnect(args),
      }));
      return () =>
        h(
          BadgeStory,
          {
            name: storyNames.pollingBadge,
            text: storyTexts.pollingBadge(args.interval),
            logTitle: 'Last items of the inbox',
            state,
            unread: state.data.value?.unread ?? 0,
            lines: (state.data.value?.items ?? []).map(describeMessage),
          },
          {
            controls: () =>
              h(
                'button',
                { type: 'button', class: 'tid-button', onClick: () => state.refresh() },
                'Refresh now',
              ),
          },
        );
    },
  }),
};
