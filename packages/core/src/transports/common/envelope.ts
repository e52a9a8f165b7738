import type { ChannelOptions, ConsumerOptions, Parse } from '../../types';

/**
 * Options of a transport that delivers an envelope (`{ topic, payload, ... }`, `{ event, args }`)
 * around the parsed content: `parse` turns the content into `TContent`, while `reduce` and
 * `onMessage` see the whole `TEnvelope`.
 */
export type EnvelopeConsumerOptions<TContent, TEnvelope, TData> = Omit<
  ConsumerOptions<TEnvelope, TData>,
  'parse'
> & {
  /** How the payload text (or each argument) becomes a value. @default 'json' */
  parse?: Parse<TContent>;
};

export type EnvelopeChannelOptions<TContent, TEnvelope, TData> = Omit<
  ChannelOptions<TEnvelope, TData>,
  'parse'
> &
  EnvelopeConsumerOptions<TContent, TEnvelope, TData>;
