import { useCallback, useRef, useState } from 'react';
import type { MockMessage } from '../../common/control';

/** When the comparison's Drop button was last pressed (shared by every probe, read in callbacks). */
export interface DropClock {
  at: number | undefined;
  id: number;
}

/** What the comparison measures of one transport. */
export interface Probe {
  /** Distinct messages published since the measurement started that reached this transport. */
  messages: number;
  /** Mean and last delivery delay: arrival time minus the server's `ts`, in ms. */
  meanLatency: number | undefined;
  lastLatency: number | undefined;
  /** After Drop number `dropId`: 'down' while recovering, then ms from the drop to the next open. */
  recovery: { dropId: number; value: number | 'down' } | undefined;
}

/**
 * Measures one transport from its hook callbacks (`onMessage`, `onOpen`, `onError`, `onClose`),
 * which see every event even when renders are coalesced to one per frame. The comparison remounts
 * on "Reset", so `since` is fixed for a probe's life.
 */
export function useProbe(since: number, clock: DropClock) {
  const [probe, setProbe] = useState<Probe>({
    messages: 0,
    meanLatency: undefined,
    lastLatency: undefined,
    recovery: undefined,
  });
  const seen = useRef(new Set<string>());
  const total = useRef(0);
  const downFor = useRef<number | undefined>(undefined);
  const recoveredFor = useRef<number | undefined>(undefined);

  const record = useCallback(
    (message: MockMessage) => {
      if (message.ts < since || seen.current.has(message.id)) return;
      seen.current.add(message.id);
      const latency = Math.max(0, Date.now() - message.ts);
      total.current += latency;
      const messages = seen.current.size;
      setProbe((p) => ({
        ...p,
        messages,
        lastLatency: latency,
        meanLatency: total.current / messages,
      }));
    },
    [since],
  );

  const wentDown = useCallback(() => {
    const done = recoveredFor.current === clock.id;
    if (clock.at === undefined || downFor.current === clock.id || done) return;
    downFor.current = clock.id;
    const dropId = clock.id;
    setProbe((p) => ({ ...p, recovery: { dropId, value: 'down' } }));
  }, [clock]);

  const opened = useCallback(() => {
    const at = clock.at;
    if (at === undefined || downFor.current !== clock.id) return;
    recoveredFor.current = clock.id;
    const dropId = clock.id;
    setProbe((p) => ({ ...p, recovery: { dropId, value: Date.now() - at } }));
  }, [clock]);

  return { probe, record, callbacks: { onOpen: opened, onError: wentDown, onClose: wentDown } };
}
