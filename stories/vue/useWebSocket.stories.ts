// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { useWebSocket } from '@tidings/vue';
import { h } from 'vue';
import type { MockMessage } from '../common/control';
import { endpoints } from '../common/endpoints';
import {
  heartbeatOf,
  toReconnect,
  type WebSocketArgs,
  webSocketArgs,
  webSocketArgTypes,
} from '../common/hookArgs';
import { mockMessageId } from '../common/messageId';
import { type Participant, participants, storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';
import { type ChatSide, ChatStory } from './components/ChatStory';
import { type Feed, feed, feedOf } from './components/feed';

const meta = {
  title: 'Composables/useWebSocket',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'A native WebSocket to `/ws`: JSON frames, a ping/pong heartbeat that reconnects on a missed pong, sends queued while not open, and resume from the last message id (`?cursor=`) after a drop.',
      },
    },
  },
  args: webSocketArgs,
  argTypes: webSocketArgTypes,
} satisfies Meta<WebSocketArgs>;

export default meta;

/** The unread badge, pushed over a WebSocket the moment a notification is published. */
export const Badge: StoryObj<WebSocketArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so the socket reconnects with it.
      const state = useWebSocket<MockMessage, Feed>(endpoints.ws, () => ({
        messageId: mockMessageId,
        heartbeat: heartbeatOf(args.heartbeat),
        reconnect: toReconnect(args),
        reduce: feedOf,
      }));
      return () =>
        h(BadgeStory, {
          name: storyNames.webSocketBadge,
          text: storyTexts.webSocketBadge,
          state,
          unread: state.data.value?.notifications ?? 0,
          lines: state.data.value?.lines ?? [],
        });
    },
  }),
};

const chatOnly = feed<MockMessage>((m) => (m.type === 'chat' ? m : undefined));

function useChatSide(user: Participant, args: WebSocketArgs): ChatSide {
  // Each participant has their own socket, as two browsers would.
  const socket = useWebSocket<MockMessage, Feed>(endpoints.ws, () => ({
    messageId: mockMessageId,
    share: false,
    heartbeat: heartbeatOf(args.heartbeat),
    reconnect: toReconnect(args),
    reduce: chatOnly,
  }));
  return {
    state: socket,
    get lines() {
      return socket.data.value?.lines ?? [];
    },
    send: (text) => socket.send({ type: 'chat', data: { user, text } }),
  };
}

/** A chat room: alice and bob each on their own WebSocket; the server broadcasts every line. */
export const Chat: StoryObj<WebSocketArgs> = {
  render: (args) => ({
    setup() {
      const sides = Object.fromEntries(
        participants.map((who) => [who, useChatSide(who, args)]),
      ) as Record<Participant, ChatSide>;
      return () =>
        h(ChatStory, { name: storyNames.webSocketChat, text: storyTexts.webSocketChat, sides });
    },
  }),
};
