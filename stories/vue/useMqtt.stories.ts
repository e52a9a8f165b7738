// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import type { MqttMessage } from '@tidings/core/mqtt';
import { useMqtt } from '@tidings/vue/mqtt';
import { h } from 'vue';
import {
  type MockMessage,
  type ModerationData,
  publish,
  SEVERITIES,
  type Severity,
  sampleModeration,
} from '../common/control';
import type { LogLine } from '../common/describe';
import { FAST_RECONNECT, mqttSession, mqttUrl } from '../common/endpoints';
import {
  type ModerationArgs,
  type MqttArgs,
  moderationArgs,
  moderationArgTypes,
  moderationTopic,
  mqttArgs,
  mqttArgTypes,
  toReconnect,
} from '../common/hookArgs';
import { mockMessageId } from '../common/messageId';
import { storyNames } from '../common/storyNames';
import { emptyLog, storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';
import { type Feed, feed } from './components/feed';
import { LiveStory } from './components/LiveStory';
import { MessageLog } from './components/MessageLog';

const meta = {
  title: 'Composables/useMqtt',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'MQTT over WebSocket through `mqtt` (mqtt.js, loaded lazily): one client per broker, topic subscriptions ref-counted across consumers, `+` and `#` wildcards; a message is `{ topic, payload, qos, retain }`.',
      },
    },
  },
  args: mqttArgs,
  argTypes: mqttArgTypes,
} satisfies Meta<MqttArgs>;

export default meta;

const payloads = feed<MqttMessage<MockMessage>>((m) => m.payload);

/** The unread badge, subscribed to the `topics` filter (`notifications/#` to begin with). */
export const Badge: StoryObj<MqttArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so the subscription follows it.
      const state = useMqtt<MockMessage, Feed>(mqttUrl(), () => ({
        messageId: mockMessageId,
        ...mqttSession,
        topics: args.topics,
        qos: args.qos,
        reconnect: toReconnect(args),
        reduce: payloads,
      }));
      return () =>
        h(BadgeStory, {
          name: storyNames.mqttBadge,
          text: storyTexts.mqttBadge(args.topics, mqttUrl()),
          state,
          unread: state.data.value?.notifications ?? 0,
          lines: state.data.value?.lines ?? [],
        });
    },
  }),
};

/**
 * An admin console's moderation alerts on `moderation/alerts/<severity>`. Raise an alert of each
 * severity: `+` matches one level, so a `critical`-only filter lets the others pass by.
 */
export const ModerationAlerts: StoryObj<ModerationArgs> = {
  name: 'Moderation alerts',
  args: moderationArgs,
  argTypes: moderationArgTypes,
  render: (args) => ({
    setup() {
      const topic = () => moderationTopic(args.severity);
      // A new filter is a new subscription on the same shared client: a wire option, so it resubscribes.
      const alerts = useMqtt<MockMessage, Feed>(mqttUrl(), () => ({
        messageId: mockMessageId,
        topics: topic(),
        qos: 1,
        reconnect: FAST_RECONNECT,
        reduce: payloads,
      }));
      const raise = (severity: Severity) => {
        publish(sampleModeration(severity)).catch((error: unknown) => console.error(error));
      };
      const severityOf = (id: string) =>
        (alerts.data.value?.messages.find((m) => m.id === id)?.data as ModerationData | undefined)
          ?.severity;
      return () =>
        h(
          LiveStory,
          {
            name: storyNames.mqttModeration,
            ...storyTexts.mqttModeration(topic()),
            state: alerts,
            publish: () => sampleModeration(),
          },
          {
            controls: () =>
              SEVERITIES.map((severity) =>
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'tid-button',
                    'data-testid': `raise-${severity}`,
                    title: `Publish a ${severity} alert on moderation/alerts/${severity}`,
                    onClick: () => raise(severity),
                  },
                  `Raise ${severity}`,
                ),
              ),
            default: () =>
              h(
                MessageLog,
                {
                  lines: (alerts.data.value?.messages ?? []).map((m) => {
                    const alert = m.data as ModerationData;
                    return {
                      id: m.id,
                      text: `${alert.reason} on ${alert.contentId}`,
                      meta: m.topic ?? '',
                    };
                  }),
                  title: 'Alerts',
                  empty: emptyLog.moderation,
                },
                {
                  decorate: (line: LogLine) => {
                    const level = severityOf(line.id);
                    return h('span', { class: 'tid-sev', 'data-severity': level }, level);
                  },
                },
              ),
          },
        );
    },
  }),
};
