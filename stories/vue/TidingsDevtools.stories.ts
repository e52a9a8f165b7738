// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { createHub } from '@tidings/core';
import { TidingsDevtools } from '@tidings/devtools/vue';
import { tidingsHubKey, usePolling, useSSE, useWebSocket } from '@tidings/vue';
import { defineComponent, h, provide } from 'vue';
import type { MockMessage } from '../common/control';
import { endpoints, FAST_RECONNECT } from '../common/endpoints';
import { mockMessageId } from '../common/messageId';
import { ControlPanel } from './components/ControlPanel';

/** The story's own hub, so the table lists this story's wires and nothing another story left. */
const hub = createHub();

const meta = {
  title: 'Components/TidingsDevtools',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`@tidings/devtools/vue`: a live table of the hub (key with credentials hashed, ' +
          'transport, status, listeners, messages, bytes, last error) with Drop and Reconnect ' +
          'per wire. Publish or drop from the control panel and watch the counts and statuses.',
      },
    },
  },
} satisfies Meta;

export default meta;

/** Three composables on three transports, two of them sharing one socket, and the panel. */
const HooksAndPanel = defineComponent({
  name: 'HooksAndPanel',
  setup() {
    const options = { messageId: mockMessageId, reconnect: FAST_RECONNECT };
    const lines = [
      ['useWebSocket', useWebSocket<MockMessage>(endpoints.ws, options)],
      // The same URL and options: the hub shares the socket above (Listeners: 2).
      ['useWebSocket (shared)', useWebSocket<MockMessage>(endpoints.ws, options)],
      [
        'useSSE',
        useSSE<MockMessage>(endpoints.sse, {
          events: ['notification'],
          reconnect: FAST_RECONNECT,
        }),
      ],
      [
        'usePolling',
        usePolling<unknown>(endpoints.notifications, {
          interval: 5000,
          reconnect: FAST_RECONNECT,
        }),
      ],
    ] as const;
    return () =>
      h('div', { class: 'tid-story' }, [
        h('div', { class: 'tid-row' }, [
          h('div', { class: 'tid-card' }, [
            h(
              'ul',
              lines.map(([name, state]) =>
                h('li', [
                  h('code', name),
                  `: ${state.status.value}, ${state.received.value} received`,
                ]),
              ),
            ),
          ]),
          h(ControlPanel),
        ]),
        h(TidingsDevtools),
      ]);
  },
});

/** A WebSocket (two composables, one wire), an SSE stream and a poll, against the mock server. */
export const LiveHub: StoryObj = {
  render: () => ({
    setup() {
      // Provided here, above the composables and the panel, which inject it.
      provide(tidingsHubKey, hub);
      return () => h(HooksAndPanel);
    },
  }),
};
