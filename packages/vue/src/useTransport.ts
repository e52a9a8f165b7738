import type { Channel, ConsumerOptions, Hub } from '@tidings/core';
import { bindLatest, latest, splitOptions, wireIdentity } from '@tidings/core/binding';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type ReadonlyShallowRef, type UseChannelReturn, useChannel } from './useChannel';

/**
 * Shared option handling of the seven composables; see {@link useChannel}. How options divide into
 * consumer and wire options, and how function-valued ones stay bound to the latest closure, is
 * core's (`splitOptions`, `wireIdentity`, `bindLatest`), the same as React's.
 */
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

  return useChannel<TMessage, TData, TChannel>({
    identity: () => wireIdentity(source(), splitOptions(read()).wire),
    hub: () => read().hub,
    consumer: () => splitOptions(read()).consumer as ConsumerOptions<TMessage, TData>,
    create(hub) {
      const { wire } = splitOptions(read());
      const bound = bindLatest(wire, (name) => (read() as Record<string, unknown>)[name]);
      const current = source();
      // A fetcher source is bound like any function option: a new closure does not reconnect.
      const boundSource =
        typeof current === 'function'
          ? (latest(() => source() as (...args: unknown[]) => unknown) as TSource)
          : current;
      return factory(boundSource, { ...read(), ...bound, hub } as TOptions);
    },
  });
}
