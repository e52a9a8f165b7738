/**
 * Unit-project setup: the ceiling of every "wait until" in the tests.
 *
 * `vi.waitFor` and Testing Library's `waitFor` wait for an event by polling a condition, and give
 * up after 1 s by default. A real mock server, a broker or the first lazy `import('mqtt')` can
 * take longer than that on a loaded 2-core machine, so a test could fail only because the machine
 * was busy (a full run failed once that way). The waits stay event-driven: they still return as
 * soon as the condition holds; only the point at which a broken condition is reported moves to
 * 10 s, inside the 15 s test timeout. An explicit `timeout` at a call site still wins.
 */
import { expect, vi } from 'vitest';

export const WAIT_CEILING_MS = 10_000;

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: WAIT_CEILING_MS, ...options },
  )) as typeof vi.waitFor;

// Testing Library's configuration is per module instance: set it where its React flavour is used.
const testPath = expect.getState().testPath ?? '';
if (/[\\/]test[\\/]react(-query)?[\\/]/.test(testPath)) {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: WAIT_CEILING_MS });
}
