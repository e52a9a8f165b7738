import type { SendReceipt } from '@tidings/core';
import {
  createMqtt,
  type MqttChannel,
  type MqttMessage,
  type MqttOptions,
  type MqttPublishOptions,
} from '@tidings/core/mqtt';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link useMqtt}: every `createMqtt` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseMqttOptions<TMessage, TData = MqttMessage<TMessage>> = MqttOptions<TMessage, TData>;

/** `TPublish` types the payload `publish()` takes; it is not checked at run time. */
export interface UseMqttReturn<TData, TPublish = unknown, TMessage = unknown>
  extends UseChannelReturn<TData, MqttChannel<TMessage, TData, TPublish>> {
  /**
   * Publishes `payload` (objects as JSON); queued while disconnected. Returns the channel's send
   * receipt: `status`, and a Promise resolved when written (QoS 0) or acknowledged (QoS 1, 2).
   * Stable.
   */
  publish(topic: string, payload: TPublish, options?: MqttPublishOptions): SendReceipt;
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
export function useMqtt<TMessage = unknown, TData = MqttMessage<TMessage>, TPublish = unknown>(
  url: string,
  options: UseMqttOptions<TMessage, TData> & { initial: TData },
): WithInitialData<UseMqttReturn<TData, TPublish, TMessage>, TData>;
export function useMqtt<TMessage = unknown, TData = MqttMessage<TMessage>, TPublish = unknown>(
  url: string,
  options?: UseMqttOptions<TMessage, TData>,
): UseMqttReturn<TData, TPublish, TMessage>;
export function useMqtt<TMessage = unknown, TData = MqttMessage<TMessage>, TPublish = unknown>(
  url: string,
  options?: UseMqttOptions<TMessage, TData>,
): UseMqttReturn<TData, TPublish, TMessage> {
  const binding = useChannel<
    TData,
    string,
    MqttOptions<TMessage, TData>,
    MqttChannel<TMessage, TData, TPublish>
  >('mqtt', createMqtt, url, options);
  return useChannelReturn(binding, (current) => ({
    publish: (topic: string, payload: TPublish, publishOptions?: MqttPublishOptions) =>
      current().publish(topic, payload, publishOptions),
  }));
}
