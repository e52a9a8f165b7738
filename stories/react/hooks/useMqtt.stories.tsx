import type { Meta, StoryObj } from '@storybook/react-vite';
import type { MqttMessage } from '@tidings/core';
import { useMqtt } from '@tidings/react';
import type { MockMessage } from '../../shared/control';
import { mqttSession, mqttUrl } from '../../shared/endpoints';
import { mockMessageId } from '../../shared/messageId';
import { storyNames } from '../../shared/storyNames';
import { storyTexts } from '../../shared/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { type Feed, feedReducer } from '../components/feed';
import { Moderation, type SeverityFilter } from './Moderation';
import { type ReconnectArgs, reconnectArgs, reconnectArgTypes, toReconnect } from './reconnectArgs';

interface MqttBadgeArgs extends ReconnectArgs {
  topics: string;
  qos: 0 | 1;
}

const reduce = feedReducer((message: MqttMessage<MockMessage>) => message.payload);

function MqttBadge({ topics, qos, ...delays }: MqttBadgeArgs) {
  const result = useMqtt<MockMessage, Feed>(mqttUrl(), {
    messageId: mockMessageId,
    ...mqttSession,
    topics,
    qos,
    reduce,
    reconnect: toReconnect(delays),
  });
  return (
    <BadgeStory
      name={storyNames.mqttBadge}
      {...storyTexts.mqttBadge(topics, mqttUrl())}
      result={result}
    />
  );
}

const meta: Meta<typeof MqttBadge> = {
  title: 'Hooks/useMqtt',
  component: MqttBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '`useMqtt(url, { topics, qos })`: one mqtt.js client per broker and credentials, topic ' +
          'filters ref-counted across hooks, `+`/`#` wildcards; `data` is `{ topic, payload, qos, retain }`.',
      },
    },
  },
  args: { topics: 'notifications/#', qos: 1, ...reconnectArgs },
  argTypes: {
    topics: { description: 'Topic filter (`+` one level, `#` the rest)', control: 'text' },
    qos: { description: 'Subscription QoS', control: 'inline-radio', options: [0, 1] },
    ...reconnectArgTypes,
  },
};

export default meta;

export const Badge: StoryObj<typeof MqttBadge> = {};

interface ModerationArgs {
  severity: SeverityFilter;
}

/** An admin console's moderation alerts on `moderation/alerts/+`, filtered by severity. */
export const ModerationAlerts: StoryObj<ModerationArgs> = {
  name: 'Moderation alerts',
  args: { severity: 'all' },
  argTypes: {
    severity: {
      description: 'all: `moderation/alerts/+`; otherwise `moderation/alerts/<severity>`',
      control: 'inline-radio',
      options: ['all', 'low', 'high', 'critical'] satisfies SeverityFilter[],
    },
  },
  render: ({ severity }) => <Moderation key={severity} initial={severity} />,
};
