import {
  createIframeStream,
  type IframeStreamChannel,
  type IframeStreamOptions,
} from '@tidings/core';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useIframeStream}: every `createIframeStream` option. The URL, `origin`,
 * `enabled`, `reconnect`, `share`, `pauseWhenHidden`, `notify` and the hub change the wire;
 * callbacks, `parse` and `reduce` are always the latest and never reconnect.
 */
export type UseIframeStreamOptions<TMessage, TData = TMessage> = IframeStreamOptions<
  TMessage,
  TData
>;

export type UseIframeStreamReturn<TData> = UseChannelReturn<TData, HTMLIFrameElement>;

/**
 * The legacy hidden-iframe stream (`<script>parent.postMessage(...)</script>` pushed by the
 * server). Only messages from `origin` are accepted; no HTML is ever written into the page.
 *
 * @example
 * const { data } = useIframeStream<Notification>('https://push.example.com/iframe/stream');
 */
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  url: string | URL,
  options?: UseIframeStreamOptions<TMessage, TData>,
): UseIframeStreamReturn<TData> {
  const binding = useChannel<
    TData,
    string | URL,
    IframeStreamOptions<TMessage, TData>,
    IframeStreamChannel<TMessage, TData>
  >('iframe', createIframeStream, url, options);
  return useChannelReturn(binding, () => ({}));
}
