/**
 * The mock server's hostile network (`/control/network`), for the fallback stories of both
 * Storybooks: each button breaks one more transport, as a corporate proxy or a host would. The
 * settings are server-wide and outlive the story, like the faults; "Friendly network" (or the
 * control panel's reset) clears them.
 */
import type { HostileNetwork } from '@tidings/mock-server';
import { drop } from './control';

export type { HostileNetwork };

async function network(body?: HostileNetwork): Promise<HostileNetwork> {
  const response = await fetch('/control/network', {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as HostileNetwork & { error?: string };
  if (!response.ok) throw new Error(`/control/network: ${response.status} ${answer.error ?? ''}`);
  return answer;
}

/** `GET /control/network`: the settings in force. */
export const getNetwork = (): Promise<HostileNetwork> => network();

/** How long a connection lives when the story cuts them. */
export const CUT_AFTER = 2000;

/** The buttons, keyed by their `data-testid` suffix (`network-refuse`, ...), in breaking order. */
export const networkButtons = {
  refuse: {
    label: 'Refuse WebSocket upgrades',
    title: 'Every WebSocket upgrade is answered 403, as by a proxy that drops Upgrade',
    apply: (current: HostileNetwork): HostileNetwork => ({ ...current, refuseUpgrades: true }),
  },
  buffer: {
    label: 'Buffer SSE',
    title:
      'Event streams open, then hold their body until they end, as a buffering proxy does (noticed once something is published)',
    apply: (current: HostileNetwork): HostileNetwork => ({ ...current, bufferSse: true }),
  },
  cut: {
    label: `Cut connections after ${CUT_AFTER / 1000} s`,
    title: `Every connection is cut ${CUT_AFTER} ms after it opened, as by a proxy's request timeout`,
    apply: (current: HostileNetwork): HostileNetwork => ({ ...current, cutAfter: CUT_AFTER }),
  },
  friendly: {
    label: 'Friendly network',
    title: 'POST /control/network {}: nothing refused, buffered or cut',
    apply: (): HostileNetwork => ({}),
  },
} as const;

export type NetworkAction = keyof typeof networkButtons;

/**
 * Applies a button to the settings in force and answers the new ones. Breaking the network also
 * cuts the live connections, as a proxy put in place would: the hook meets the new network at
 * once instead of at its next reconnect. Healing it cuts nothing: the next probe finds out.
 */
export async function pressNetworkButton(action: NetworkAction): Promise<HostileNetwork> {
  const settings = await network(networkButtons[action].apply(await getNetwork()));
  if (action !== 'friendly') await drop();
  return settings;
}

/** The settings as a reader says them: `WebSocket upgrades refused, SSE buffered`. */
export function describeNetwork(settings: HostileNetwork): string {
  const parts: string[] = [];
  if (settings.refuseUpgrades) parts.push('WebSocket upgrades refused');
  if (settings.bufferSse) parts.push('SSE buffered');
  if (settings.cutAfter) parts.push(`connections cut after ${settings.cutAfter} ms`);
  for (const [transport, ms] of Object.entries(settings.latency ?? {})) {
    parts.push(`${transport} +${ms} ms`);
  }
  return parts.join(', ') || 'friendly';
}
