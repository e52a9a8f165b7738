import type { Channel, ConsumerOptions, Hub } from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { latest, type ReadonlyShallowRef, type UseChannelReturn, useChannel } from './useChannel';

/** Options read per consumer: a change is pushed with `setOptions`, never a reconnect. */
const consumerKeys = [
  'parse',
  'reduce',
  'onOpen',
  'onMessage',
  'onError',
  'onClose',
  'shouldReconnect',
] as const;
/**
 * Read once when a channel is created, not part of the identity: `initial` and `env` are often
 * inline literals a getter rebuilds; the hub is compared by identity in {@link useChannel}.
 * `notify` is a wire option here: core picks its scheduler when the channel is created.
 */
const creationKeys = new Set<string>([...consumerKeys, 'initial', 'env', 'hub']);
const LATEST = '[latest]';

/** Shared option handling of the seven composables; see {@link useChannel}. */
export function useTransport<
  TMessage,
  TData,
  TSource,
  TOptions extends { hub?: Hub },
  TChannel extends Channel<TMessage, TData>,
>(
  source: () => TSource,
  options: MaybeRefOrGetter<TOptions | undefined>,
  factory: (source: TSource, options: TOptions) => TChannel,
): UseChannelReturn<TData> & { channel: ReadonlyShallowRef<TChannel> } {
  const read = (): TOptions => toValue(options) ?? ({} as TOptions);
  const readLatest = (key: string) => () =>
    (read() as Record<string, unknown>)[key] as ((...args: unknown[]) => unknown) | undefined;

  return useChannel<TMessage, TData, TChannel>({
    identity() {
      const wire: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(read())) {
        if (creationKeys.has(key)) continue;
        // Function-valued wire options (SSE `headers`, Socket.IO `auth`) are bound to their latest
        // closure, so an inline function rebuilt by a getter never reconnects.
        wire[key] = typeof value === 'function' ? LATEST : value;
      }
      const current = source();
      // A fetcher source is bound like any function option: a new closure does not reconnect.
      return [typeof current === 'function' ? LATEST : current, wire];
    },
    hub: () => read().hub,
    consumer() {
      const current = read() as Record<string, unknown>;
      const picked: Record<string, unknown> = {};
      for (const key of consumerKeys) picked[key] = current[key];
      return picked as ConsumerOptions<TMessage, TData>;
    },
    create(hub) {
      const resolved: Record<string, unknown> = { ...(read() as object), hub };
      for (const [key, value] of Object.entries(resolved)) {
        if (!creationKeys.has(key) && typeof value === 'function') {
          resolved[key] = latest(readLatest(key));
        }
      }
      const current = source();
      const bound =
        typeof current === 'function'
          ? (latest(() => source() as (...args: unknown[]) => unknown) as TSource)
          : current;
      return factory(bound, resolved as TOptions);
    },
  });
}
