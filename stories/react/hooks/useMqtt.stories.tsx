import type { Meta, StoryObj } from '@storybook/react-vite';
import type { MqttMessage } from '@tidings/core/mqtt';
import { useMqtt } from '@tidings/react/mqtt';
import type { MockMessage } from '../../common/control';
import { mqttSession, mqttUrl } from '../../common/endpoints';
import {
  type ModerationArgs,
  type MqttArgs,
  moderationArgs,
  moderationArgTypes,
  mqttArgs,
  mqttArgTypes,
  toReconnect,
} from '../../common/hookArgs';
import { mockMessageId } from '../../common/messageId';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { BadgeStory } from '../components/BadgeStory';
import { type Feed, feedReducer } from '../components/feed';
import { Moderation } from './Moderation';

const reduce = feedReducer((message: MqttMessage<MockMessage>) => message.payload);

function MqttBadge({ topics, qos, ...delays }: MqttArgs) {
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
  args: mqttArgs,
  argTypes: mqttArgTypes,
};

export default meta;

export const Badge: StoryObj<typeof MqttBadge> = {};

/** An admin console's moderation alerts on `moderation/alerts/+`, filtered by severity. */
export const ModerationAlerts: StoryObj<ModerationArgs> = {
  name: 'Moderation alerts',
  args: moderationArgs,
  argTypes: moderationArgTypes,
  render: ({ severity }) => <Moderation key={severity} initial={severity} />,
};
