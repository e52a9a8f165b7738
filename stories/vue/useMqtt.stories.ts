// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import type { MqttMessage } from '@tidings/core';
import { useMqtt } from '@tidings/vue';
import { h } from 'vue';
import { type MockMessage, publish, SEVERITIES, sampleModeration } from '../shared/control';
import { FAST_RECONNECT, mqttSession, mqttUrl } from '../shared/endpoints';
import { mockMessageId } from '../shared/messageId';
import { storyNames } from '../shared/storyNames';
import { BadgeStory } from './components/BadgeStory';
import { type Feed, feed } from './components/feed';
import { LiveStory } from './components/LiveStory';
import { MessageLog } from './components/MessageLog';
import { styles } from './components/styles';

const meta = {
  title: 'Composables/useMqtt',
  parameters: {
    docs: {
      description: {
        component:
          'MQTT over WebSocket through `mqtt` (mqtt.js, loaded lazily): one client per broker, topic subscriptions ref-counted across consumers, `+` and `#` wildcards; a message is `{ topic, payload, qos, retain }`.',
      },
    },
  },
} satisfies Meta;

export default meta;

const payloads = feed<MqttMessage<MockMessage>>((m) => m.payload);

/** The unread badge, subscribed to `notifications/#`. */
export const Badge: StoryObj = {
  render: () => ({
    setup() {
      const state = useMqtt<MockMessage, Feed>(mqttUrl(), {
        messageId: mockMessageId,
        ...mqttSession,
        topics: 'notifications/#',
        reconnect: FAST_RECONNECT,
        reduce: payloads,
      });
      return () =>
        h(BadgeStory, {
          name: storyNames.mqttBadge,
          title: 'useMqtt: notifications/#',
          state,
          unread: state.data.value?.notifications ?? 0,
          items: state.data.value?.items ?? [],
        });
    },
  }),
};

interface ModerationArgs {
  /** The topic filter; change it to watch a wildcard subscription narrow or widen. */
  topics: string;
}

/**
 * An admin console's moderation alerts on `moderation/alerts/<severity>`. Raise an alert of each
 * severity: `+` matches one level, so a `critical`-only filter lets the others pass by.
 */
export const ModerationAlerts: StoryObj<ModerationArgs> = {
  args: { topics: 'moderation/alerts/+' },
  argTypes: {
    topics: {
      control: 'select',
      options: ['moderation/alerts/+', 'moderation/alerts/critical', 'moderation/#'],
    },
  },
  render: (args) => ({
    setup() {
      const alerts = useMqtt<MockMessage, Feed>(mqttUrl(), () => ({
        topics: args.topics,
        reconnect: FAST_RECONNECT,
        reduce: payloads,
      }));
      const raise = (severity: (typeof SEVERITIES)[number]) => {
        publish(sampleModeration(severity)).catch((error: unknown) => console.error(error));
      };
      return () =>
        h(
          LiveStory,
          {
            name: storyNames.mqttModeration,
            title: `useMqtt: ${args.topics}`,
            state: alerts,
            publish: () => sampleModeration(),
          },
          () => [
            h('div', { style: styles.row2 }, [
              'Raise an alert:',
              ...SEVERITIES.map((severity) =>
                h(
                  'button',
                  {
                    type: 'button',
                    'data-testid': `raise-${severity}`,
                    onClick: () => raise(severity),
                  },
                  severity,
                ),
              ),
            ]),
            h(MessageLog, { items: alerts.data.value?.items ?? [], label: 'Alerts' }),
          ],
        );
    },
  }),
};
