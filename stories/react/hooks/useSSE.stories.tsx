import type { Meta, StoryObj } from '@storybook/react-vite';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { useSSE } from '@tidings/react';
import type { MockMessage } from '../../common/control';
import { endpoints } from '../../common/endpoints';
import { type SSEArgs, sseArgs, sseArgTypes, toReconnect } from '../../common/hookArgs';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { asIs, type Feed, feedReducer } from '../components/feed';
import { AiAnswer } from './AiAnswer';

const reduce = feedReducer(asIs);

function SSEBadge({ transport, ...delays }: SSEArgs) {
  const result = useSSE<MockMessage, Feed>(endpoints.sse, {
    events: ['notification'],
    transport,
    // Passed so that the transport control's 'polyfill' works; 'auto' still picks the native
    // EventSource here, since the story sends no headers.
    polyfill: eventSourcePolyfill,
    reduce,
    reconnect: toReconnect(delays),
  });
  return <BadgeStory name={storyNames.sseBadge} {...storyTexts.sseBadge} result={result} />;
}

const meta: Meta<typeof SSEBadge> = {
  title: 'Hooks/useSSE',
  component: SSEBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useSSE(url, { events })` delivers the parsed `data` of the named event types. ' +
          'A request-scoped stream (an AI answer over POST) is `useSSEStream`: `start()` / `stop()`.',
      },
    },
  },
  args: sseArgs,
  argTypes: sseArgTypes,
};

export default meta;

export const Badge: StoryObj<typeof SSEBadge> = {};

/** An AI answer streamed token by token over POST (like ChatGPT), with a Stop button. */
export const AiAnswerStream: StoryObj<typeof SSEBadge> = {
  name: 'AI answer (POST stream)',
  render: () => <AiAnswer />,
  parameters: { controls: { disable: true } },
};
