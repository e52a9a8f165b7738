import { describe, expect, it } from 'vitest';
import { describeFaults } from '../../stories/common/control';

describe("the control panel's 'Faults in force' line", () => {
  it.each([
    [{}, ''],
    [{ latency: 1500 }, 'latency 1500 ms'],
    [{ status: 503, errorRate: 0.5 }, '50% of requests answer 503'],
    // Without an error rate the server fails every request.
    [{ status: 500 }, '100% of requests answer 500'],
    [{ latency: 200, status: 503, errorRate: 0.25 }, 'latency 200 ms, 25% of requests answer 503'],
    [{ closeCode: 4401 }, '/ws closes with 4401'],
  ])('%j reads "%s"', (faults, text) => {
    expect(describeFaults(faults)).toBe(text);
  });
});
