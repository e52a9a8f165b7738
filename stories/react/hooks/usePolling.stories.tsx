import type { Meta, StoryObj } from '@storybook/react-vite';
import { usePolling } from '@tidings/react';
import { useState } from 'react';
import type { MockMessage } from '../../common/control';
import { describeMessage } from '../../common/describe';
import { endpoints } from '../../common/endpoints';
import { type PollingArgs, pollingArgs, pollingArgTypes, toReconnect } from '../../common/hookArgs';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { Bell } from '../components/Bell';
import { ControlPanel } from '../components/ControlPanel';
import { LiveStory } from '../components/LiveStory';
import { MessageLog } from '../components/MessageLog';
import { StatusPanel } from '../components/StatusPanel';

interface Inbox {
  unread: number;
  items: MockMessage[];
}

function PollingBadge({ interval, pauseWhenHidden, ...delays }: PollingArgs) {
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
  args: pollingArgs,
  argTypes: pollingArgTypes,
};

export default meta;

export const Badge: StoryObj<typeof PollingBadge> = {};
