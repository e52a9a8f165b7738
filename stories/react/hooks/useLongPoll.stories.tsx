import type { Meta, StoryObj } from '@storybook/react-vite';
import { useLongPoll } from '@tidings/react';
import type { MockMessage } from '../../common/control';
import { endpoints } from '../../common/endpoints';
import {
  type LongPollArgs,
  longPollArgs,
  longPollArgTypes,
  toReconnect,
} from '../../common/hookArgs';
import { mockMessageId } from '../../common/messageId';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { asIs, type Feed, feedReducer } from '../components/feed';

const reduce = feedReducer(asIs);

function LongPollBadge({ timeout, ...delays }: LongPollArgs) {
  const result = useLongPoll<MockMessage, Feed>(endpoints.longPoll, {
    messageId: mockMessageId,
    timeout,
    reduce,
    reconnect: toReconnect(delays),
  });
  return (
    <BadgeStory
      name={storyNames.longPollBadge}
      {...storyTexts.longPollBadge(timeout)}
      result={result}
    />
  );
}

const meta: Meta<typeof LongPollBadge> = {
  title: 'Hooks/useLongPoll',
  component: LongPollBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useLongPoll(url)` keeps one request parked on the server and resumes from its cursor ' +
          'after every answer, drop or error, so nothing published meanwhile is missed.',
      },
    },
  },
  args: longPollArgs,
  argTypes: longPollArgTypes,
};

export default meta;

export const Badge: StoryObj<typeof LongPollBadge> = {};
