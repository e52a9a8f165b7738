import type { Meta, StoryObj } from '@storybook/react-vite';
import { useLongPoll } from '@tidings/react';
import type { MockMessage } from '../../shared/control';
import { endpoints } from '../../shared/endpoints';
import { mockMessageId } from '../../shared/messageId';
import { storyNames } from '../../shared/storyNames';
import { storyTexts } from '../../shared/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { asIs, type Feed, feedReducer } from '../components/feed';
import { type ReconnectArgs, reconnectArgs, reconnectArgTypes, toReconnect } from './reconnectArgs';

interface LongPollBadgeArgs extends ReconnectArgs {
  timeout: number;
}

const reduce = feedReducer(asIs);

function LongPollBadge({ timeout, ...delays }: LongPollBadgeArgs) {
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
  args: { timeout: 25000, ...reconnectArgs },
  argTypes: {
    timeout: {
      description: 'How long the server holds a request without news (`timeout=` ms)',
      control: { type: 'range', min: 1000, max: 60000, step: 1000 },
    },
    ...reconnectArgTypes,
  },
};

export default meta;

export const Badge: StoryObj<typeof LongPollBadge> = {};
