import type { Hub } from '@tidings/core';
import { createContext, type ReactNode, useContext } from 'react';

const HubContext = createContext<Hub | undefined>(undefined);

export interface TidingsProviderProps {
  /** The registry of shared connections for every hook below. */
  hub: Hub;
  children?: ReactNode;
}

/**
 * Provides the `Hub` (registry of shared connections) to every tidings hook below it. Without a
 * provider, hooks use core's default hub.
 *
 * @example
 * const hub = createHub();
 * root.render(<TidingsProvider hub={hub}><App /></TidingsProvider>);
 */
export function TidingsProvider({ hub, children }: TidingsProviderProps): ReactNode {
  return <HubContext.Provider value={hub}>{children}</HubContext.Provider>;
}

/** The hub from the nearest `<TidingsProvider>`, or `undefined` (hooks then use the default hub). */
export function useTidingsHub(): Hub | undefined {
  return useContext(HubContext);
}
