import {
  createRealtime,
  type RealtimeChannel,
  type RealtimeEndpoints,
  type RealtimeOptions,
  type RealtimeTransport,
  type SendReceipt,
  type TransportSwitch,
} from '@tidings/core';
import { type MaybeRefOrGetter, shallowRef, toValue, watch } from 'vue';
import type { ReadonlyShallowRef, UseChannelReturn } from './useChannel';
import { useTransport } from './useTransport';

/**
 * Options of {@link useRealtime}: every `createRealtime` option. The endpoints, `order`,
 * `fallback`, `events`, `headers`, `sendUrl`, `enabled`, `reconnect`, `share`, `notify` and `hub`
 * change the wire (a change reconnects once); callbacks (`onSwitch` included), `messageId`,
 * `parse` and `reduce` never reconnect.
 */
export type UseRealtimeOptions<TMessage, TData = TMessage> = RealtimeOptions<TMessage, TData>;

export interface UseRealtimeReturn<TData> extends UseChannelReturn<TData> {
  /** The transport in use (connecting or open), undefined before the first attempt. */
  transport: ReadonlyShallowRef<RealtimeTransport | undefined>;
  /** The last change of transport (`from`, `to`, `reason`, `error`, `at`), null before any. */
  switched: ReadonlyShallowRef<TransportSwitch | null>;
  /**
   * Sends over the transport in use (an open WebSocket), else POSTs to `sendUrl`, else refuses.
   * Returns the send receipt: `status` 'sent' | 'refused', a Promise settled with the message's
   * fate.
   */
  send(message: unknown): SendReceipt;
}

/**
 * One stream of an ordered log over whichever transport gets through (WebSocket, SSE, long poll,
 * short polling by default), falling back when one is refused, buffered or cut and probing the
 * better ones again later; the cursor carries across, so a switch loses and repeats nothing.
 *
 * @example
 * const { data, transport, switched } = useRealtime<Note>(
 *   { webSocket: '/ws', sse: '/api/sse', longPoll: '/api/long-poll' },
 *   { events: ['notification'] },
 * );
 */
export function useRealtime<TMessage = unknown, TData = TMessage>(
  endpoints: MaybeRefOrGetter<RealtimeEndpoints>,
  options?: MaybeRefOrGetter<UseRealtimeOptions<TMessage, TData> | undefined>,
): UseRealtimeReturn<TData> {
  const { channel, ...binding } = useTransport<
    TMessage,
    TData,
    RealtimeEndpoints,
    UseRealtimeOptions<TMessage, TData>,
    RealtimeChannel<TMessage, TData>
  >(() => toValue(endpoints), options, createRealtime);
  const transport = shallowRef<RealtimeTransport | undefined>();
  const switched = shallowRef<TransportSwitch | null>(null);
  // Mirrors the two fields the common binding does not know, from whichever channel is current.
  watch(
    channel,
    (current, _previous, onCleanup) => {
      const mirror = () => {
        const state = current.getState();
        transport.value = state.transport;
        switched.value = state.switched;
      };
      mirror();
      onCleanup(current.subscribe(mirror));
    },
    { immediate: true, flush: 'sync' },
  );
  return {
    ...binding,
    transport,
    switched,
    send: (message) => channel.value.send(message),
  };
}
