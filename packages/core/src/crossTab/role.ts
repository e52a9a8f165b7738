import { channelInternals } from '../channelInternals';
import type { Wire } from '../wire';
import { crossTabLinkOf } from './registry';

/** Where this tab stands in a channel's cross-tab sharing (devtools, a "this tab leads" badge). */
export interface CrossTabRole {
  /** This tab's id in the election (random per wire and tab). */
  tab: string;
  /** This tab holds the connection. */
  leading: boolean;
  /** The tab holding the connection, as far as this tab knows. */
  leader: string | undefined;
}

/**
 * The cross-tab role of a connected channel; undefined when it is not shared across tabs (the
 * option is off, Web Locks or BroadcastChannel are missing, or it is not connected).
 *
 * @example
 * const role = crossTabRole(channel);
 * badge.textContent = role?.leading ? 'this tab holds the connection' : 'relayed';
 */
export function crossTabRole(channel: object): CrossTabRole | undefined {
  const wire = channelInternals(channel).wire();
  return wire && crossTabRoleOfWire(wire);
}

/** The cross-tab role of one wire (devtools read wires, not channels). */
export function crossTabRoleOfWire(wire: Wire): CrossTabRole | undefined {
  const link = crossTabLinkOf(wire);
  return link && { tab: link.tabId, leading: link.isLeader, leader: link.leader };
}
