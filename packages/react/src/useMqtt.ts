import type { SendReceipt } from '@tidings/core';
import {
  createMqtt,
  type MqttChannel,
  type MqttMessage,
  type MqttOptions,
  type MqttPublishOptions,
} from '@tidings/core/mqtt';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useMqtt}: every `createMqtt` option. The URL, `topics` (by value), `qos`,
 * `clientId`, `username`, `password`, `clean`, `protocolVersion`, `keepalive`, `will` and
 * `connectOptions` (by value), `enabled`,
 * `reconnect`, `share`, `notify` and the hub change the wire; callbacks, `parse` (of the payload),
 * `reduce` and an `mqtt` loader function are always the latest and never reconnect.
 */
export type UseMqttOptions<TMessage, TData = MqttMessage<TMessage>> = MqttOptions<TMessage, TData>;

/** The mqtt.js client under an MQTT channel (its `raw()`). */
type MqttClientOf = NonNullable<ReturnType<MqttChannel<unknown>['raw']>>;

export interface UseMqttReturn<TData> extends UseChannelReturn<TData, MqttClientOf> {
  /**
   * Publishes `payload` (objects as JSON); queued while disconnected. Returns the channel's send
   * receipt: `status`, and a Promise resolved when written (QoS 0) or acknowledged (QoS 1, 2).
   * Stable.
   */
  publish(topic: string, payload: unknown, options?: MqttPublishOptions): SendReceipt;
}

/**
 * MQTT over WebSocket (mqtt.js, loaded lazily). One client per broker and credentials; each
 * hook's topic filters are ref-counted on it. `data` is the last `{ topic, payload, qos, retain }`,
 * or what `reduce` makes of them.
 *
 * @example
 * const { data, publish } = useMqtt<Alert>('wss://broker.example/mqtt', { topics: 'alerts/#' });
 * // data?.topic, data?.payload.title
 */
export function useMqtt<TMessage = unknown, TData = MqttMessage<TMessage>>(
  url: string,
  options?: UseMqttOptions<TMessage, TData>,
): UseMqttReturn<TData> {
  const binding = useChannel<
    TData,
    string,
    MqttOptions<TMessage, TData>,
    MqttChannel<TMessage, TData>
  >('mqtt', createMqtt, url, options);
  return useChannelReturn(binding, (current) => ({
    publish: (topic: string, payload: unknown, publishOptions?: MqttPublishOptions) =>
      current().publish(topic, payload, publishOptions),
  }));
}
