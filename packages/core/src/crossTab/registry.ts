import type { SendReceipt } from '../transports/common/outbox';
import type { Wire } from '../wire';

/**
 * What the rest of core needs of a wire's cross-tab link: its role (devtools, `crossTabRole`) and
 * running a follower's verb on the leading tab. A module of its own, so that a transport with
 * verbs refers to this small registry, never to the link, which an app bundles only when it
 * imports `@tidings/core/cross-tab`.
 */
export interface CrossTabLinkView {
  readonly tabId: string;
  readonly isLeader: boolean;
  /** The tab that leads, as far as this one knows (itself when leading). */
  readonly leader: string | undefined;
  /** A follower's verb, run on the leading tab; undefined when this tab runs it itself. */
  call(verb: string, args: unknown[]): SendReceipt<unknown> | undefined;
}

const links = new WeakMap<Wire, CrossTabLinkView>();

/** The cross-tab link of a wire, when it is shared across tabs. */
export function crossTabLinkOf(wire: Wire): CrossTabLinkView | undefined {
  return links.get(wire);
}

export function registerCrossTabLink(wire: Wire, link: CrossTabLinkView): void {
  links.set(wire, link);
}
