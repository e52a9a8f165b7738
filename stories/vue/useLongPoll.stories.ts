// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { useLongPoll } from '@tidings/vue';
import { h } from 'vue';
import type { MockMessage } from '../common/control';
import { endpoints } from '../common/endpoints';
import { type LongPollArgs, longPollArgs, longPollArgTypes, toReconnect } from '../common/hookArgs';
import { mockMessageId } from '../common/messageId';
import { storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';
import { type Feed, feedOf } from './components/feed';

const meta = {
  title: 'Composables/useLongPoll',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Long polling: `GET /api/long-poll?cursor=` is held by the server until news arrives (or `timeout` passes), then asked again at once with the new cursor, so nothing is missed between two requests. The status is `connecting` until the first answer.',
      },
    },
  },
  args: longPollArgs,
  argTypes: longPollArgTypes,
} satisfies Meta<LongPollArgs>;

export default meta;

/** The unread badge, each notification delivered as soon as the held request answers. */
export const Badge: StoryObj<LongPollArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so the poll restarts with it.
      const state = useLongPoll<MockMessage, Feed>(endpoints.longPoll, () => ({
        messageId: mockMessageId,
        timeout: args.timeout,
        reconnect: toReconnect(args),
        reduce: feedOf,
      }));
      return () =>
        h(BadgeStory, {
          name: storyNames.longPollBadge,
          text: storyTexts.longPollBadge(args.timeout),
          state,
          unread: state.data.value?.notifications ?? 0,
          lines: state.data.value?.lines ?? [],
        });
    },
  }),
};
