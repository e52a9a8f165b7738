import type { Meta, StoryObj } from '@storybook/react-vite';
import type { TransportSwitch } from '@tidings/core';
import { useRealtime } from '@tidings/react';
import { useState } from 'react';
import type { MockMessage } from '../../common/control';
import { describeMessage } from '../../common/describe';
import { endpoints } from '../../common/endpoints';
import {
  type FallbackArgs,
  fallbackArgs,
  fallbackArgTypes,
  SWITCH_HISTORY,
  toFallback,
} from '../../common/fallback';
import { toReconnect } from '../../common/hookArgs';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { ControlPanel } from '../components/ControlPanel';
import { asIs, type Feed, feedReducer } from '../components/feed';
import { HostileNetworkPanel } from '../components/HostileNetworkPanel';
import { LiveStory } from '../components/LiveStory';
import { MessageLog } from '../components/MessageLog';
import { StatusPanel } from '../components/StatusPanel';
import { TransportPanel } from '../components/TransportPanel';

const reduce = feedReducer(asIs);

function RealtimeFallback(args: FallbackArgs) {
  const [history, setHistory] = useState<TransportSwitch[]>([]);
  const result = useRealtime<MockMessage, Feed>(
    { webSocket: endpoints.ws, sse: endpoints.sse, longPoll: endpoints.longPoll },
    {
      events: ['notification'],
      reduce,
      reconnect: toReconnect(args),
      fallback: toFallback(args),
      onSwitch: (change) => setHistory((list) => [...list, change].slice(-SWITCH_HISTORY)),
    },
  );
  return (
    <LiveStory name={storyNames.realtimeFallback} {...storyTexts.realtimeFallback}>
      <div className="tid-row">
        <TransportPanel transport={result.transport} history={history} />
        <StatusPanel state={result} />
        <HostileNetworkPanel />
        <ControlPanel />
      </div>
      <MessageLog lines={(result.data?.log ?? []).map(describeMessage)} />
    </LiveStory>
  );
}

const meta: Meta<typeof RealtimeFallback> = {
  title: 'Hooks/useRealtime',
  component: RealtimeFallback,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useRealtime(endpoints)` offers one stream over WebSocket, SSE, long polling and short ' +
          'polling of the same log, and uses the first that opens and delivers. Break them with ' +
          'the hostile-network buttons: refused upgrades move it to SSE, a buffered stream to long ' +
          'polling, cut connections down to short polling; "Friendly network" lets the next probe ' +
          'bring it back up. `transport` and `switched` say where it is and why.',
      },
    },
  },
  args: fallbackArgs,
  argTypes: fallbackArgTypes,
};

export default meta;

export const Fallback: StoryObj<typeof RealtimeFallback> = {};
