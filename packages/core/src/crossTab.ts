/**
 * `@tidings/core/cross-tab`: one connection per browser. `crossTab(options?)` is the value of the
 * `crossTab` option of a channel (or of `createHub`): one tab, elected with Web Locks, holds the
 * connection and relays its frames over BroadcastChannel to the others. An entry of its own, so
 * that an app that does not share across tabs does not bundle the election and relay.
 */

import { shareAcrossTabs } from './crossTab/link';
import { type CrossTabOptions, type CrossTabSharing, resolveCrossTab } from './crossTab/options';
import type { TidingsEnv } from './env';
import type { Wire } from './wire';

export type { CrossTabOptions, CrossTabSharing } from './crossTab/options';
export { type CrossTabRole, crossTabRole } from './crossTab/role';

/**
 * Cross-tab sharing with these settings, for the `crossTab` option of a channel or hub.
 *
 * @example
 * import { crossTab } from '@tidings/core/cross-tab';
 * const feed = createSSE('/api/sse', { crossTab: crossTab() });
 * const hub = createHub({ crossTab: crossTab({ staleMs: 2000 }) }); // every channel of the hub
 */
export function crossTab(options: CrossTabOptions = {}): CrossTabSharing {
  const settings = resolveCrossTab(options);
  // A plain object: the React and Vue bindings compare it by value (its function bound to the
  // latest), so an inline `crossTab()` in a component never reconnects.
  return {
    settings,
    share: (wire: Wire, name: string, env: TidingsEnv) =>
      shareAcrossTabs(wire, name, settings, env),
  };
}
