// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import type { SocketIOMessage } from '@tidings/core/socket-io';
import { useSocketIO } from '@tidings/vue/socket-io';
import { h } from 'vue';
import type { MockMessage } from '../common/control';
import { socketIOUrl } from '../common/endpoints';
import { type SocketIOArgs, socketIOArgs, socketIOArgTypes, toReconnect } from '../common/hookArgs';
import { mockMessageId } from '../common/messageId';
import { type Participant, participants, storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';
import { type ChatSide, ChatStory } from './components/ChatStory';
import { type Feed, feed } from './components/feed';

const meta = {
  title: 'Composables/useSocketIO',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Socket.IO through `socket.io-client` (loaded lazily): a message is `{ event, args }`; `emit()` and `emitWithAck()` send; connection state recovery replays what a short drop missed.',
      },
    },
  },
  args: socketIOArgs,
  argTypes: socketIOArgTypes,
} satisfies Meta<SocketIOArgs>;

export default meta;

const firstArg = feed<SocketIOMessage<MockMessage>>((m) => m.args[0]);

/** The unread badge, fed by `notification` events. */
export const Badge: StoryObj<SocketIOArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so the socket reconnects with it.
      const state = useSocketIO<MockMessage, Feed>(socketIOUrl(), () => ({
        messageId: mockMessageId,
        events: ['notification'],
        transports: args.transports,
        reconnect: toReconnect(args),
        reduce: firstArg,
      }));
      return () =>
        h(BadgeStory, {
          name: storyNames.socketIOBadge,
          text: storyTexts.socketIOBadge,
          state,
          unread: state.data.value?.notifications ?? 0,
          lines: state.data.value?.lines ?? [],
        });
    },
  }),
};

function useChatSide(user: Participant, args: SocketIOArgs): ChatSide {
  // Each participant has their own socket, as two browsers would.
  const socket = useSocketIO<MockMessage, Feed>(socketIOUrl(), () => ({
    messageId: mockMessageId,
    events: ['chat'],
    share: false,
    transports: args.transports,
    reconnect: toReconnect(args),
    reduce: firstArg,
  }));
  return {
    state: socket,
    get lines() {
      return socket.data.value?.lines ?? [];
    },
    // The server acks with the published message; the line itself arrives as a `chat` event.
    send: (text) => {
      socket.emitWithAck('chat', { user, text }).catch((error: unknown) => console.error(error));
    },
  };
}

/** A chat room: alice and bob each on their own Socket.IO connection, lines sent with an ack. */
export const Chat: StoryObj<SocketIOArgs> = {
  render: (args) => ({
    setup() {
      const sides = Object.fromEntries(
        participants.map((who) => [who, useChatSide(who, args)]),
      ) as Record<Participant, ChatSide>;
      return () =>
        h(ChatStory, { name: storyNames.socketIOChat, text: storyTexts.socketIOChat, sides });
    },
  }),
};
