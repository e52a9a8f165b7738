import {
  createIframeStream,
  type IframeStreamChannel,
  type IframeStreamOptions,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useIframeStream}: every `createIframeStream` option. `origin`, `enabled`,
 * `reconnect`, `share`, `pauseWhenHidden`, `notify` and `hub` change the wire (a change reconnects
 * once); callbacks, `parse` and `reduce` never reconnect.
 */
export type UseIframeStreamOptions<TMessage, TData = TMessage> = IframeStreamOptions<
  TMessage,
  TData
>;

export type UseIframeStreamReturn<TData> = UseChannelReturn<TData, HTMLIFrameElement>;

/**
 * The legacy hidden-iframe stream: the server pushes `<script>parent.postMessage(...)</script>`;
 * only messages from `origin` (default: the stream URL's origin) are accepted, and no HTML is ever
 * written into the page.
 *
 * @example
 * const { data } = useIframeStream<Notification>('https://push.example.com/iframe/stream');
 */
export function useIframeStream<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL>,
  options?: MaybeRefOrGetter<UseIframeStreamOptions<TMessage, TData> | undefined>,
): UseIframeStreamReturn<TData> {
  const binding = useChannel<
    TData,
    string | URL,
    UseIframeStreamOptions<TMessage, TData>,
    IframeStreamChannel<TMessage, TData>
  >('iframe', createIframeStream, () => toValue(url), options);
  return useChannelReturn(binding, () => ({}));
}
