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
