export type { ReconnectOptions } from './backoff';
export { backoff } from './backoff';
export type { TidingsEnv } from './env';
export { TidingsError, type TidingsErrorKind } from './errors';
export { createHub, getDefaultHub, type Hub } from './hub';
export type { NotifyMode } from './notifier';
export type { HeadersInput } from './request';
export {
  createPolling,
  type PollingChannel,
  type PollingOptions,
  type PollingSource,
} from './transports/polling';
export type {
  Channel,
  ChannelOptions,
  ChannelState,
  ConsumerOptions,
  FrameMeta,
  Parse,
  Status,
} from './types';
