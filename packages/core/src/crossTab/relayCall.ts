import type { TidingsError } from '../errors';
import type { SendReceipt } from '../transports/common/outbox';
import type { Wire } from '../wire';
import { crossTabLinkOf } from './registry';

/**
 * A verb called in a tab that follows: relayed to the leading tab, its receipt settled with what
 * happened there; a loss is also reported to this tab's channel (`report`), as a local send's
 * would be. Undefined when this tab sends on its own connection (it leads, or sharing is off).
 */
export function relayCall<T>(
  wire: Wire,
  verb: string,
  args: unknown[],
  report: (error: TidingsError) => void,
): SendReceipt<T> | undefined {
  const receipt = crossTabLinkOf(wire)?.call(verb, args);
  if (!receipt) return undefined;
  receipt.then(undefined, (error: TidingsError) => {
    if (receipt.status !== 'refused') report(error);
  });
  return receipt as SendReceipt<T>;
}
