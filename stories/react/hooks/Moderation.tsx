import type { MqttMessage } from '@tidings/core/mqtt';
import { useMqtt } from '@tidings/react/mqtt';
import { useState } from 'react';
import {
  type MockMessage,
  type ModerationData,
  SEVERITIES,
  sampleModeration,
} from '../../common/control';
import { FAST_RECONNECT, mqttUrl } from '../../common/endpoints';
import { moderationTopic, type SeverityFilter } from '../../common/hookArgs';
import { mockMessageId } from '../../common/messageId';
import { storyNames } from '../../common/storyNames';
import { emptyLog, storyTexts } from '../../common/storyTexts';
import { ControlPanel } from '../components/ControlPanel';
import { type Feed, feedReducer } from '../components/feed';
import { LiveStory } from '../components/LiveStory';
import { MessageLog } from '../components/MessageLog';
import { StatusPanel } from '../components/StatusPanel';

const reduce = feedReducer((message: MqttMessage<MockMessage>) => message.payload);

/** Moderation alerts over MQTT: the topic filter (with a `+` wildcard) is the severity filter. */
export function Moderation({ initial }: { initial: SeverityFilter }) {
  const [severity, setSeverity] = useState<SeverityFilter>(initial);
  const topic = moderationTopic(severity);
  // A new filter is a new subscription on the same shared client: a wire option, so it resubscribes.
  const result = useMqtt<MockMessage, Feed>(mqttUrl(), {
    messageId: mockMessageId,
    topics: topic,
    qos: 1,
    reduce,
    reconnect: FAST_RECONNECT,
  });
  const severityOf = (id: string) =>
    (result.data?.log.find((m) => m.id === id)?.data as ModerationData | undefined)?.severity;
  return (
    <LiveStory name={storyNames.mqttModeration} {...storyTexts.mqttModeration(topic)}>
      <div className="tid-row">
        <StatusPanel state={result} />
        <ControlPanel message={() => sampleModeration()}>
          <label className="tid-muted" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            severity
            <select
              data-testid="severity"
              value={severity}
              onChange={(event) => setSeverity(event.target.value as SeverityFilter)}
            >
              {(['all', ...SEVERITIES] as SeverityFilter[]).map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        </ControlPanel>
      </div>
      <MessageLog
        title="Alerts"
        empty={emptyLog.moderation}
        lines={(result.data?.log ?? []).map((m) => {
          const alert = m.data as ModerationData;
          return { id: m.id, text: `${alert.reason} on ${alert.contentId}`, meta: m.topic ?? '' };
        })}
        decorate={(line) => {
          const level = severityOf(line.id);
          return (
            <span className="tid-sev" data-severity={level}>
              {level}
            </span>
          );
        }}
      />
    </LiveStory>
  );
}
