import type { TidingsEnv } from './env';
import type { TidingsError } from './errors';
import type { Wire } from './wire';

/** What a transport's verbs need of its channel, beyond the public `Channel` methods. */
export interface ChannelInternals<W extends Wire> {
  /** The wire while connected, for transport verbs (`send`, `publish`, `emit`). */
  wire(): W | undefined;
  env: TidingsEnv;
  /** Reports an error to this consumer (a verb used while closed, for instance). */
  report(error: TidingsError): void;
  /** Back to the start: `data` = `initial`, no error (a request-scoped stream's fresh answer). */
  reset(): void;
}

/**
 * Each channel's internals, kept off the public object: an app sees only the `Channel` methods
 * and its transport's verbs, and the internals go when the channel does.
 */
const internalsByChannel = new WeakMap<object, ChannelInternals<Wire>>();

/** Files `internals` under `channel`; `createChannel` does this for every channel it makes. */
export function setChannelInternals<W extends Wire>(
  channel: object,
  internals: ChannelInternals<W>,
): void {
  internalsByChannel.set(channel, internals as unknown as ChannelInternals<Wire>);
}

/** The internals of a channel made by `createChannel` (or {@link extendChannel} over one). */
export function channelInternals<W extends Wire>(channel: object): ChannelInternals<W> {
  const internals = internalsByChannel.get(channel);
  if (!internals) throw new TypeError('tidings: not a channel made by createChannel');
  return internals as unknown as ChannelInternals<W>;
}

/**
 * A transport's public channel, built as `{ ...channel, verbs }` (`send`, `refresh`, ..., or a
 * replaced method such as a request-scoped stream's `reconnect`): given the same internals.
 */
export function extendChannel<T extends object>(channel: object, extended: T): T {
  setChannelInternals(extended, channelInternals(channel));
  return extended;
}
