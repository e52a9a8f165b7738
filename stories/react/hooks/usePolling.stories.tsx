import type { Meta, StoryObj } from '@storybook/react-vite';
import { usePolling } from '@tidings/react';
import { useState } from 'react';
import type { MockMessage } from '../../shared/control';
import { describeMessage } from '../../shared/describe';
import { endpoints } from '../../shared/endpoints';
import { storyNames } from '../../shared/storyNames';
import { storyTexts } from '../../shared/storyTexts';
import { Bell } from '../components/Bell';
import { ControlPanel } from '../components/ControlPanel';
import { LiveStory } from '../components/LiveStory';
import { MessageLog } from '../components/MessageLog';
import { StatusPanel } from '../components/StatusPanel';
import { type ReconnectArgs, reconnectArgs, reconnectArgTypes, toReconnect } from './reconnectArgs';

interface Inbox {
  unread: number;
  items: MockMessage[];
}

interface PollingBadgeArgs extends ReconnectArgs {
  interval: number;
  pauseWhenHidden: boolean;
}

function PollingBadge({ interval, pauseWhenHidden, ...delays }: PollingBadgeArgs) {
  const result = usePolling<Inbox>(endpoints.notifications, {
    interval,
    pauseWhenHidden,
    reconnect: toReconnect(delays),
  });
  const unread = result.data?.unread ?? 0;
  const [read, setRead] = useState(0);
  return (
    <LiveStory name={storyNames.pollingBadge} {...storyTexts.pollingBadge(interval)}>
      <div className="tid-row">
        <Bell
          count={Math.max(0, unread - read)}
          status={result.status}
          onOpen={() => setRead(unread)}
        />
        <StatusPanel state={result} />
        <ControlPanel>
          <button type="button" className="tid-button" onClick={result.refresh}>
            Refresh now
          </button>
        </ControlPanel>
      </div>
      <MessageLog
        title="Last items of the inbox"
        lines={(result.data?.items ?? []).map(describeMessage)}
      />
    </LiveStory>
  );
}

const meta: Meta<typeof PollingBadge> = {
  title: 'Hooks/usePolling',
  component: PollingBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`usePolling(source, { interval })` asks on a timer: one request in flight per wire, ' +
          '`refresh()` pulls the next poll forward, and polling pauses while the tab is hidden.',
      },
    },
  },
  args: { interval: 2000, pauseWhenHidden: true, ...reconnectArgs },
  argTypes: {
    interval: {
      description: 'Milliseconds between the end of one response and the next request',
      control: { type: 'range', min: 250, max: 10000, step: 250 },
    },
    pauseWhenHidden: { description: 'Stop polling while `document.hidden`' },
    ...reconnectArgTypes,
  },
};

export default meta;

export const Badge: StoryObj<typeof PollingBadge> = {};
