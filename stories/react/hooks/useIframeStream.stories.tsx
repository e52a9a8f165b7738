import type { Meta, StoryObj } from '@storybook/react-vite';
import { useIframeStream } from '@tidings/react';
import type { MockMessage } from '../../common/control';
import { endpoints } from '../../common/endpoints';
import {
  type ReconnectArgs,
  reconnectArgs,
  reconnectArgTypes,
  toReconnect,
} from '../../common/hookArgs';
import { mockMessageId } from '../../common/messageId';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { asIs, type Feed, feedReducer } from '../components/feed';

const reduce = feedReducer(asIs);

function IframeBadge(delays: ReconnectArgs) {
  const result = useIframeStream<MockMessage, Feed>(endpoints.iframe, {
    messageId: mockMessageId,
    reduce,
    reconnect: toReconnect(delays),
    // The mock server posts a heartbeat every 5 s; a cut stream is noticed after 12 s of silence.
    heartbeatTimeout: 12_000,
  });
  return <BadgeStory name={storyNames.iframeBadge} {...storyTexts.iframeBadge} result={result} />;
}

const meta: Meta<typeof IframeBadge> = {
  title: 'Hooks/useIframeStream',
  component: IframeBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'The legacy "forever frame": works where nothing else does (very old browsers, some ' +
          'proxies), but costs a hidden document and HTML padding. Nothing is written into the page.',
      },
    },
  },
  args: { ...reconnectArgs },
  argTypes: { ...reconnectArgTypes },
};

export default meta;

export const Badge: StoryObj<typeof IframeBadge> = {};
