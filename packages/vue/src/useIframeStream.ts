import {
  createIframeStream,
  type IframeStreamChannel,
  type IframeStreamOptions,
  type UrlGetter,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link useIframeStream}: every `createIframeStream` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseIframeStreamOptions<TMessage, TData = TMessage> = IframeStreamOptions<
  TMessage,
  TData
>;

export type UseIframeStreamReturn<TData, TMessage = unknown> = UseChannelReturn<
  TData,
  IframeStreamChannel<TMessage, TData>
>;

/**
 * The legacy hidden-iframe stream: the server pushes `<script>parent.postMessage(...)</script>`;
 * only messages from `origin` (default: the stream URL's origin) are accepted, and no HTML is ever
 * written into the page.
 *
 * @example
 * const { data } = useIframeStream<Notification>('https://push.example.com/iframe/stream');
 */
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  /**
   * The URL (a ref or a getter is read reactively, as Vue does). For a URL computed on every
   * connection (a token in the query that expires; it may be async), hand over the url getter
   * itself through a getter, `() => streamUrl`: a bare function is Vue's reactive getter. The
   * latest one is called and a new closure never reconnects.
   */
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options: MaybeRefOrGetter<UseIframeStreamOptions<TMessage, TData> & { initial: TData }>,
): WithInitialData<UseIframeStreamReturn<TData>, TData>;
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options?: MaybeRefOrGetter<UseIframeStreamOptions<TMessage, TData> | undefined>,
): UseIframeStreamReturn<TData>;
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options?: MaybeRefOrGetter<UseIframeStreamOptions<TMessage, TData> | undefined>,
): UseIframeStreamReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    string | URL | UrlGetter,
    UseIframeStreamOptions<TMessage, TData>,
    IframeStreamChannel<TMessage, TData>
  >('iframe', createIframeStream, () => toValue(url) as string | URL | UrlGetter, options);
  return useChannelReturn(binding, () => ({}));
}
