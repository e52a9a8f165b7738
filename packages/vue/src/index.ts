// Kept public: the latest-closure wrapper for custom composables now lives in core.
export { latest } from '@tidings/core/binding';
export { badgeStyles, NotificationBadge, type NotificationBadgeProps } from './NotificationBadge';
export { type TidingsPluginOptions, tidings, tidingsHubKey, useTidingsHub } from './plugin';
export {
  type AnyChannel,
  type BindableChannel,
  type ChannelBinding,
  type ReadonlyShallowRef,
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
