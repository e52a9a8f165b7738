export type { ReconnectOptions } from './backoff';
export { backoff } from './backoff';
export type { CrossTabOptions, CrossTabSharing } from './crossTab/options';
export type { BroadcastChannelLike, LockManagerLike, TidingsEnv } from './env';
export { TidingsError, type TidingsErrorKind } from './errors';
export { createHub, getDefaultHub, type Hub, type HubOptions } from './hub';
export type { NotifyMode } from './notifier';
export * from './realtime';
export type { StandardSchemaV1 } from './standardSchema';
export type { MessageId } from './transports/common/messageId';
export type { SendReceipt, SendStatus } from './transports/common/outbox';
export type { HeadersInput } from './transports/common/request';
// Each transport module exports its factory, options and channel types. MQTT, Socket.IO and the
// SSE polyfill load optional peers, so they have entries of their own (`@tidings/core/mqtt`, ...).
export * from './transports/iframe';
export * from './transports/longPoll';
export {
  createPolling,
  type PollingChannel,
  type PollingOptions,
  type PollingSource,
} from './transports/polling';
export * from './transports/sse';
export * from './transports/webSocket';
export type {
  AuthErrorContext,
  Channel,
  ChannelOptions,
  ChannelState,
  ConsumerOptions,
  FrameMeta,
  Parse,
  Status,
} from './types';
