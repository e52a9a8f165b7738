import type { ChannelState } from './types';

/**
 * What a framework binding (`useChannel` in `@tidings/react` and `@tidings/vue`) needs of a
 * channel: every core factory's result fits, and so does a custom transport's `createChannel`.
 * One definition for both bindings, so the name means the same in each.
 */
export interface BindableChannel<TData> {
  getState(): ChannelState<TData>;
  subscribe(onChange: () => void): () => void;
  close(): void;
  reconnect(): void;
  /** The live underlying client (`channel.raw()`); optional for channels made without it. */
  raw?(): unknown;
  // `never`: any channel's own consumer-options type is accepted.
  setOptions(options: never): void;
}

/** What any transport's channel is: the default type of the bindings' `UseChannelReturn` channel. */
export type AnyChannel<TData> = BindableChannel<TData> & {
  onMessage(fn: (message: unknown) => void): () => void;
};

/** What a channel's `raw()` returns when connected: each transport types it. */
export type RawOf<TChannel> = TChannel extends { raw(): infer R } ? Exclude<R, undefined> : unknown;
