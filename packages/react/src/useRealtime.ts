import {
  createRealtime,
  type RealtimeChannel,
  type RealtimeEndpoints,
  type RealtimeOptions,
  type RealtimeTransport,
  type SendReceipt,
  type TransportSwitch,
} from '@tidings/core';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useRealtime}: every `createRealtime` option. The endpoints, `order`,
 * `fallback`, `events`, `headers`, `sendUrl`, `enabled`, `reconnect`, `share`, `notify` and the
 * hub change the wire (compared by value; a change reconnects once); callbacks (`onSwitch`
 * included), `messageId`, `parse` and `reduce` are always the latest and never reconnect.
 */
export type UseRealtimeOptions<TMessage, TData = TMessage> = RealtimeOptions<TMessage, TData>;

export interface UseRealtimeReturn<TData, TMessage = unknown>
  extends UseChannelReturn<TData, RealtimeChannel<TMessage, TData>> {
  /** The transport in use (connecting or open), undefined before the first attempt. */
  transport: RealtimeTransport | undefined;
  /** The last change of transport (`from`, `to`, `reason`, `error`, `at`), null before any. */
  switched: TransportSwitch | null;
  /**
   * Sends over the transport in use (an open WebSocket), else POSTs to `sendUrl`, else refuses.
   * Returns the send receipt: `status` 'sent' | 'refused', a Promise settled with the message's
   * fate. Stable.
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
export function useRealtime<TMessage, TData = TMessage>(
  endpoints: RealtimeEndpoints,
  options?: UseRealtimeOptions<TMessage, TData>,
): UseRealtimeReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    RealtimeEndpoints,
    RealtimeOptions<TMessage, TData>,
    RealtimeChannel<TMessage, TData>
  >('realtime', createRealtime, endpoints, options);
  // The channel's state carries `transport` and `switched`; the common return spreads it whole.
  return useChannelReturn(binding, (current) => ({
    send: (message: unknown) => current().send(message),
  })) as UseRealtimeReturn<TData, TMessage>;
}
