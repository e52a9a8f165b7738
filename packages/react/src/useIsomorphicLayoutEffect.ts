import { useEffect, useLayoutEffect } from 'react';

/**
 * A layout effect in the browser (latest options are in place before the passive effect that
 * subscribes), a plain effect on the server where neither runs; checking `typeof window` reads no
 * global at import.
 */
export const useIsomorphicLayoutEffect: typeof useLayoutEffect =
  typeof window === 'undefined' ? useEffect : useLayoutEffect;
