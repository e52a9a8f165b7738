import type { StandardSchemaV1 } from '../../standardSchema';
import type { ChannelOptions, ConsumerOptions, Parse } from '../../types';

/**
 * Options of a transport that delivers an envelope (`{ topic, payload, ... }`, `{ event, args }`)
 * around the parsed content: `parse` turns the content into `TContent`, while `reduce` and
 * `onMessage` see the whole `TEnvelope`.
 */
export type EnvelopeConsumerOptions<TContent, TEnvelope, TData> = Omit<
  ConsumerOptions<TEnvelope, TData>,
  'parse' | 'schema'
> & {
  /** How the payload text (or each argument) becomes a value. @default 'json' */
  parse?: Parse<TContent>;
  /**
   * A Standard Schema run on the parsed payload (or each argument) and typing it: an invalid one
   * is a `parse` error and the message is skipped. Synchronous only (see `ConsumerOptions.schema`).
   * @default undefined: payloads are not checked
   */
  schema?: StandardSchemaV1<unknown, TContent>;
};

export type EnvelopeChannelOptions<TContent, TEnvelope, TData> = Omit<
  ChannelOptions<TEnvelope, TData>,
  'parse' | 'schema'
> &
  EnvelopeConsumerOptions<TContent, TEnvelope, TData>;
