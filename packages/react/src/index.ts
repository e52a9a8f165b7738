export { badgeStyles, NotificationBadge, type NotificationBadgeProps } from './NotificationBadge';
export { TidingsProvider, type TidingsProviderProps, useTidingsHub } from './TidingsProvider';
export {
  type AnyChannel,
  type BindableChannel,
  type ChannelBinding,
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';
export {
  type UseIframeStreamOptions,
  type UseIframeStreamReturn,
  useIframeStream,
} from './useIframeStream';
export { type UseLongPollOptions, type UseLongPollReturn, useLongPoll } from './useLongPoll';
export { type UsePollingOptions, type UsePollingReturn, usePolling } from './usePolling';
export { type UseRealtimeOptions, type UseRealtimeReturn, useRealtime } from './useRealtime';
export { type UseSSEOptions, type UseSSEReturn, useSSE } from './useSSE';
export {
  type UseSSEStreamOptions,
  type UseSSEStreamReturn,
  useSSEStream,
} from './useSSEStream';
export { type UseWebSocketOptions, type UseWebSocketReturn, useWebSocket } from './useWebSocket';
