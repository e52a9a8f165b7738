import {
  createIframeStream,
  type IframeStreamChannel,
  type IframeStreamOptions,
  type UrlGetter,
} from '@tidings/core';
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
 * The legacy hidden-iframe stream (`<script>parent.postMessage(...)</script>` pushed by the
 * server). Only messages from `origin` are accepted; no HTML is ever written into the page.
 *
 * @example
 * const { data } = useIframeStream<Notification>('https://push.example.com/iframe/stream');
 */
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  /**
   * The URL, or a getter called before every connection (a token in the query that expires; it
   * may be async). An inline getter never reconnects: the latest one is called.
   */
  url: string | URL | UrlGetter,
  options: UseIframeStreamOptions<TMessage, TData> & { initial: TData },
): WithInitialData<UseIframeStreamReturn<TData>, TData>;
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  url: string | URL | UrlGetter,
  options?: UseIframeStreamOptions<TMessage, TData>,
): UseIframeStreamReturn<TData>;
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  url: string | URL | UrlGetter,
  options?: UseIframeStreamOptions<TMessage, TData>,
): UseIframeStreamReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    string | URL | UrlGetter,
    IframeStreamOptions<TMessage, TData>,
    IframeStreamChannel<TMessage, TData>
  >('iframe', createIframeStream, url, options);
  return useChannelReturn(binding, () => ({}));
}
