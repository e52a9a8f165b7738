import {
  createRealtime,
  type RealtimeChannel,
  type RealtimeEndpoints,
  type RealtimeOptions,
  type RealtimeState,
  type RealtimeTransport,
  type SendReceipt,
  type TransportSwitch,
} from '@tidings/core';
import { type MaybeRefOrGetter, shallowRef, toValue, watch } from 'vue';
import {
  type ReadonlyShallowRef,
  readonlyRef,
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
} from './useChannel';

/**
 * Options of {@link useRealtime}: every `createRealtime` option. The endpoints, `order`,
 * `fallback`, `events`, `headers`, `sendUrl`, `enabled`, `reconnect`, `share`, `notify` and `hub`
 * change the wire (a change reconnects once); callbacks (`onSwitch` included), `messageId`,
 * `parse` and `reduce` never reconnect.
 */
export type UseRealtimeOptions<TMessage, TData = TMessage> = RealtimeOptions<TMessage, TData>;

export interface UseRealtimeReturn<TData, TMessage = unknown>
  extends UseChannelReturn<TData, RealtimeChannel<TMessage, TData>> {
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
): UseRealtimeReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    RealtimeEndpoints,
    UseRealtimeOptions<TMessage, TData>,
    RealtimeChannel<TMessage, TData>
  >('realtime', createRealtime, () => toValue(endpoints), options);
  const transport = shallowRef<RealtimeTransport | undefined>();
  const switched = shallowRef<TransportSwitch | null>(null);
  // The channel's state carries the two fields the common return does not know: mirrored here.
  watch(
    binding.state,
    (state) => {
      const { transport: inUse, switched: last } = state as RealtimeState<TData>;
      transport.value = inUse;
      switched.value = last;
    },
    { immediate: true, flush: 'sync' },
  );
  return {
    ...useChannelReturn(binding, (current) => ({
      send: (message: unknown) => current().send(message),
    })),
    transport: readonlyRef(transport),
    switched: readonlyRef(switched),
  };
}
