// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { useIframeStream } from '@tidings/vue';
import { h } from 'vue';
import type { MockMessage } from '../common/control';
import { endpoints } from '../common/endpoints';
import {
  type ReconnectArgs,
  reconnectArgs,
  reconnectArgTypes,
  toReconnect,
} from '../common/hookArgs';
import { mockMessageId } from '../common/messageId';
import { storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';
import { type Feed, feedOf } from './components/feed';

const meta = {
  title: 'Composables/useIframeStream',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          "The legacy hidden-iframe stream: a never-ending HTML page whose `<script>` tags `postMessage` each message to this page. Only messages from the stream's origin are accepted; no HTML is ever written into the page.",
      },
    },
  },
  args: reconnectArgs,
  argTypes: reconnectArgTypes,
} satisfies Meta<ReconnectArgs>;

export default meta;

/** The unread badge fed by a hidden iframe, for browsers and proxies where nothing else gets through. */
export const Badge: StoryObj<ReconnectArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so the stream reconnects with it.
      const state = useIframeStream<MockMessage, Feed>(endpoints.iframe, () => ({
        messageId: mockMessageId,
        reconnect: toReconnect(args),
        reduce: feedOf,
        // The mock server posts a heartbeat every 5 s; a cut stream is noticed after 12 s of silence.
        heartbeatTimeout: 12_000,
      }));
      return () =>
        h(BadgeStory, {
          name: storyNames.iframeBadge,
          text: storyTexts.iframeBadge,
          state,
          unread: state.data.value?.notifications ?? 0,
          lines: state.data.value?.lines ?? [],
        });
    },
  }),
};
