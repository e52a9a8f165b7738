import type { Meta, StoryObj } from '@storybook/react-vite';
import { useWebSocket } from '@tidings/react';
import type { MockMessage } from '../../common/control';
import { endpoints } from '../../common/endpoints';
import {
  heartbeatOf,
  toReconnect,
  type WebSocketArgs,
  webSocketArgs,
  webSocketArgTypes,
} from '../../common/hookArgs';
import { mockMessageId } from '../../common/messageId';
import type { Participant } from '../../common/storyNames';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { ChatStory } from '../components/ChatStory';
import { asIs, type Feed, feedReducer } from '../components/feed';

const reduce = feedReducer(asIs);

function WebSocketBadge({ heartbeat, ...delays }: WebSocketArgs) {
  const result = useWebSocket<MockMessage, Feed>(endpoints.ws, {
    messageId: mockMessageId,
    reduce,
    heartbeat: heartbeatOf(heartbeat),
    reconnect: toReconnect(delays),
  });
  return (
    <BadgeStory name={storyNames.webSocketBadge} {...storyTexts.webSocketBadge} result={result} />
  );
}

const chatReduce = feedReducer((message: MockMessage) =>
  message.type === 'chat' ? message : undefined,
);

/** One participant's own connection (`share: false`: two people, two sockets). */
function useWebSocketChat(user: Participant, { heartbeat, ...delays }: WebSocketArgs) {
  const result = useWebSocket<MockMessage, Feed>(endpoints.ws, {
    messageId: mockMessageId,
    share: false,
    reduce: chatReduce,
    heartbeat: heartbeatOf(heartbeat),
    reconnect: toReconnect(delays),
  });
  return {
    result,
    say: (text: string) => result.send({ type: 'chat', data: { user, text } }),
  };
}

function WebSocketChat(args: WebSocketArgs) {
  const alice = useWebSocketChat('alice', args);
  const bob = useWebSocketChat('bob', args);
  return (
    <ChatStory
      name={storyNames.webSocketChat}
      {...storyTexts.webSocketChat}
      people={{ alice, bob }}
    />
  );
}

const meta: Meta<typeof WebSocketBadge> = {
  title: 'Hooks/useWebSocket',
  component: WebSocketBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useWebSocket(url, { heartbeat, queue })`: `send()` serialises objects as JSON and ' +
          'queues while not open; a missed pong reconnects; the cursor rides along on reconnect.',
      },
    },
  },
  args: webSocketArgs,
  argTypes: webSocketArgTypes,
};

export default meta;

export const Badge: StoryObj<typeof WebSocketBadge> = {};

export const Chat: StoryObj<typeof WebSocketBadge> = {
  render: (args) => <WebSocketChat {...args} />,
};
