import type { Meta, StoryObj } from '@storybook/react-vite';
import { useWebSocket } from '@tidings/react';
import type { MockMessage } from '../../shared/control';
import { endpoints } from '../../shared/endpoints';
import { mockMessageId } from '../../shared/messageId';
import type { Participant } from '../../shared/storyNames';
import { storyNames } from '../../shared/storyNames';
import { storyTexts } from '../../shared/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { ChatStory } from '../components/ChatStory';
import { asIs, type Feed, feedReducer } from '../components/feed';
import { type ReconnectArgs, reconnectArgs, reconnectArgTypes, toReconnect } from './reconnectArgs';

interface WebSocketArgs extends ReconnectArgs {
  heartbeat: number;
}

const reduce = feedReducer(asIs);

/** Pings `{"type":"ping"}` every `interval` ms; the mock server answers `{"type":"pong"}`. */
const heartbeatOf = (interval: number) => (interval > 0 ? { interval } : false);

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
  args: { heartbeat: 0, ...reconnectArgs },
  argTypes: {
    heartbeat: {
      description: 'Ping interval in ms (0: no heartbeat); a pong missing for as long reconnects',
      control: { type: 'range', min: 0, max: 30000, step: 1000 },
    },
    ...reconnectArgTypes,
  },
};

export default meta;

export const Badge: StoryObj<typeof WebSocketBadge> = {};

export const Chat: StoryObj<typeof WebSocketBadge> = {
  render: (args) => <WebSocketChat {...args} />,
};
