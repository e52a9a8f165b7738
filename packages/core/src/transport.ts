/**
 * `@tidings/core/transport`: what a custom transport is built from. A transport is a `Driver` that
 * starts one `Attempt` per connection; a `Wire` owns retries with backoff, the resume cursor,
 * dedupe by delivery id and the page lifecycle; `createChannel` adds parsing, reducing, batched
 * notification and sharing, so the result binds with `useChannel` in React and Vue like any
 * built-in channel. The core README's "Add a transport" walks through one. The vocabulary shared
 * with apps (`Channel`, `ChannelOptions`, `FrameMeta`, `TidingsEnv`, ...) comes from the root entry.
 */
export { type ChannelSpec, createChannel } from './channel';
export { type ChannelInternals, channelInternals, extendChannel } from './channelInternals';
export { TidingsError } from './errors';
export { startWatchdog, type Watchdog } from './transports/common/watchdog';
export {
  type Attempt,
  type AttemptContext,
  type Driver,
  type Frame,
  Wire,
  type WireOptions,
} from './wire';
export { wireKey } from './wireKey';
