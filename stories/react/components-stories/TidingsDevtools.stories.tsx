import type { Meta, StoryObj } from '@storybook/react-vite';
import { createHub } from '@tidings/core';
import { TidingsDevtools } from '@tidings/devtools/react';
import {
  TidingsProvider,
  type UseChannelReturn,
  usePolling,
  useSSE,
  useWebSocket,
} from '@tidings/react';
import type { MockMessage } from '../../common/control';
import { endpoints, FAST_RECONNECT } from '../../common/endpoints';
import { mockMessageId } from '../../common/messageId';
import { ControlPanel } from '../components/ControlPanel';

/** The story's own hub, so the table lists this story's wires and nothing another story left. */
const hub = createHub();

function HookLine({ name, result }: { name: string; result: UseChannelReturn<unknown> }) {
  return (
    <li>
      <code>{name}</code>: {result.status}, {result.received} received
    </li>
  );
}

/** Three hooks on three transports, two of them sharing one socket, and the panel beside them. */
function HooksAndPanel() {
  const socket = useWebSocket<MockMessage>(endpoints.ws, {
    messageId: mockMessageId,
    reconnect: FAST_RECONNECT,
  });
  // The same URL and options: the hub shares the socket above (Listeners: 2).
  const sameSocket = useWebSocket<MockMessage>(endpoints.ws, {
    messageId: mockMessageId,
    reconnect: FAST_RECONNECT,
  });
  const events = useSSE<MockMessage>(endpoints.sse, {
    events: ['notification'],
    reconnect: FAST_RECONNECT,
  });
  const polled = usePolling<unknown>(endpoints.notifications, {
    interval: 5000,
    reconnect: FAST_RECONNECT,
  });
  return (
    <div className="tid-story">
      <div className="tid-row">
        <div className="tid-card">
          <ul>
            <HookLine name="useWebSocket" result={socket} />
            <HookLine name="useWebSocket (shared)" result={sameSocket} />
            <HookLine name="useSSE" result={events} />
            <HookLine name="usePolling" result={polled} />
          </ul>
        </div>
        <ControlPanel />
      </div>
      <TidingsDevtools />
    </div>
  );
}

const meta: Meta<typeof TidingsDevtools> = {
  title: 'Components/TidingsDevtools',
  component: TidingsDevtools,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`@tidings/devtools/react`: a live table of the hub (key with credentials hashed, ' +
          'transport, status, listeners, messages, bytes, last error) with Drop and Reconnect ' +
          'per wire. Publish or drop from the control panel and watch the counts and statuses.',
      },
    },
  },
  args: { caption: 'tidings wires' },
  render: () => (
    <TidingsProvider hub={hub}>
      <HooksAndPanel />
    </TidingsProvider>
  ),
};

export default meta;

type Story = StoryObj<typeof TidingsDevtools>;

/** A WebSocket (two hooks, one wire), an SSE stream and a poll, against the mock server. */
export const LiveHub: Story = {};
