import type { Meta, StoryObj } from '@storybook/react-vite';
import type { SocketIOMessage } from '@tidings/core/socket-io';
import { useSocketIO } from '@tidings/react/socket-io';
import type { MockMessage } from '../../common/control';
import { socketIOUrl } from '../../common/endpoints';
import {
  type SocketIOArgs,
  socketIOArgs,
  socketIOArgTypes,
  toReconnect,
} from '../../common/hookArgs';
import { mockMessageId } from '../../common/messageId';
import type { Participant } from '../../common/storyNames';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { ChatStory } from '../components/ChatStory';
import { type Feed, feedReducer } from '../components/feed';

const reduce = feedReducer((message: SocketIOMessage<MockMessage>) => message.args[0]);

function SocketIOBadge({ transports, ...delays }: SocketIOArgs) {
  const result = useSocketIO<MockMessage, Feed>(socketIOUrl(), {
    messageId: mockMessageId,
    events: ['notification'],
    transports,
    reduce,
    reconnect: toReconnect(delays),
  });
  return (
    <BadgeStory name={storyNames.socketIOBadge} {...storyTexts.socketIOBadge} result={result} />
  );
}

/** One participant's own socket (`share: false`); `emit('chat', data)` is broadcast by the server. */
function useSocketIOChat(user: Participant, { transports, ...delays }: SocketIOArgs) {
  const result = useSocketIO<MockMessage, Feed>(socketIOUrl(), {
    messageId: mockMessageId,
    events: ['chat'],
    share: false,
    transports,
    reduce,
    reconnect: toReconnect(delays),
  });
  return { result, say: (text: string) => result.emit('chat', { user, text }) };
}

function SocketIOChat(args: SocketIOArgs) {
  const alice = useSocketIOChat('alice', args);
  const bob = useSocketIOChat('bob', args);
  return (
    <ChatStory
      name={storyNames.socketIOChat}
      {...storyTexts.socketIOChat}
      people={{ alice, bob }}
    />
  );
}

const meta: Meta<typeof SocketIOBadge> = {
  title: 'Hooks/useSocketIO',
  component: SocketIOBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useSocketIO(url, { events, namespace, auth })`: `data` is `{ event, args }`; ' +
          '`emit()` and `emitWithAck()`; recovered sessions are reported through `onRecover`.',
      },
    },
  },
  args: socketIOArgs,
  argTypes: socketIOArgTypes,
};

export default meta;

export const Badge: StoryObj<typeof SocketIOBadge> = {};

export const Chat: StoryObj<typeof SocketIOBadge> = {
  render: (args) => <SocketIOChat {...args} />,
};
