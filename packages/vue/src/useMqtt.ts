import type { SendReceipt } from '@tidings/core';
import {
  createMqtt,
  type MqttChannel,
  type MqttMessage,
  type MqttOptions,
  type MqttPublishOptions,
} from '@tidings/core/mqtt';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useMqtt}: every `createMqtt` option. `topics` (by value: an inline array does
 * not reconnect), `qos`, `clientId`, `username`, `password`, `clean`, `protocolVersion`,
 * `keepalive`, `will` and `connectOptions` (by value), `enabled`, `reconnect`, `share`, `notify`
 * and `hub` change the wire (a change
 * reconnects once); callbacks, `parse` (applied to the payload) and `reduce` never reconnect.
 */
export type UseMqttOptions<TMessage, TData = MqttMessage<TMessage>> = MqttOptions<TMessage, TData>;

/** The mqtt.js client under an MQTT channel (its `raw()`). */
type MqttClientOf = NonNullable<ReturnType<MqttChannel<unknown>['raw']>>;

export interface UseMqttReturn<TData> extends UseChannelReturn<TData, MqttClientOf> {
  /**
   * Publishes `payload` (objects as JSON); queued while the connection is not open. Returns the
   * channel's send receipt: `status`, and a Promise resolved once written (QoS 0) or
   * acknowledged (QoS 1, 2).
   */
  publish(topic: string, payload: unknown, options?: MqttPublishOptions): SendReceipt;
}

/**
 * MQTT over WebSocket (mqtt.js, loaded lazily): one client per broker and credentials, topic
 * subscriptions ref-counted across consumers. A message is `{ topic, payload, qos, retain }`.
 *
 * @example
 * const { data, publish } = useMqtt<Alert>('wss://broker.example/mqtt', {
 *   topics: 'notifications/#',
 * });
 * publish('notifications/ack', { id: '7' });
 */
export function useMqtt<TMessage = unknown, TData = MqttMessage<TMessage>>(
  url: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseMqttOptions<TMessage, TData> | undefined>,
): UseMqttReturn<TData> {
  const binding = useChannel<
    TData,
    string,
    UseMqttOptions<TMessage, TData>,
    MqttChannel<TMessage, TData>
  >('mqtt', createMqtt, () => toValue(url), options);
  return useChannelReturn(binding, (current) => ({
    publish: (topic: string, payload: unknown, publishOptions?: MqttPublishOptions) =>
      current().publish(topic, payload, publishOptions),
  }));
}
