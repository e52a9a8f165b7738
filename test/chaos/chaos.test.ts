// The delivery promise under chaos, measured end to end: for every transport that resumes, 2,000
// numbered messages through a real mock-server process with seeded random cuts, then with 503 and
// latency faults, then with the process killed and restarted, then with the first connection down
// before any message, and to two consumers sharing one wire. Prints the table the core README keeps
// (`pnpm chaos`). Every row must show 0 lost and 0 duplicated, and 0 out of order except MQTT on
// aedes, the one order exception the core README states.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectDeliveredOnce, MIN_CUTS, RUN_TIMEOUT } from './deliveryExpectations';
import { type DeliveryReport, deliveryTable } from './deliveryReport';
import { startMockProcess } from './mockProcess';
import {
  closeAllConsumers,
  runCuts,
  runFaults,
  runFirstDown,
  runRestart,
  type ServerHandle,
} from './scenarios';
import { subjects } from './subjects';

const rows: DeliveryReport[] = [];

function expectExactlyOnce(reports: DeliveryReport[], keepsOrder: boolean) {
  rows.push(...reports);
  expectDeliveredOnce(reports, keepsOrder);
}

afterEach(() => closeAllConsumers());

afterAll(() => {
  console.log(`\nDelivery under chaos (${new Date().toISOString()})\n\n${deliveryTable(rows)}\n`);
});

for (const subject of subjects) {
  describe(`${subject.name} under chaos`, () => {
    const server = {} as ServerHandle;

    beforeAll(async () => {
      server.current = await startMockProcess();
    });
    afterAll(async () => {
      await server.current.kill();
    });

    it('2,000 messages with 20+ random cuts', { timeout: RUN_TIMEOUT }, async () => {
      const { reports, cuts } = await runCuts({ subject, server, seed: 1 });
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expectExactlyOnce(reports, subject.keepsOrder);
      expect(reports[0]?.resets).toBe(0);
    });

    it('2,000 messages under 503s, latency and cuts', { timeout: RUN_TIMEOUT }, async () => {
      const { reports, cuts } = await runFaults({ subject, server, seed: 2 });
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expectExactlyOnce(reports, subject.keepsOrder);
    });

    it('two consumers sharing one wire, with cuts', { timeout: RUN_TIMEOUT }, async () => {
      const { reports, cuts } = await runCuts({ subject, server, seed: 3 }, 2, 'shared wire, cuts');
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expect(reports).toHaveLength(2);
      expectExactlyOnce(reports, subject.keepsOrder);
    });

    it('the first connection goes down before any message', { timeout: RUN_TIMEOUT }, async () => {
      expectExactlyOnce(await runFirstDown({ subject, server, seed: 4 }), subject.keepsOrder);
    });

    // MQTT resumes through the broker's session, which dies with the broker process: no row for it.
    if (subject.survivesRestart)
      it('the server process is killed and restarted: a reset is reported, nothing it holds is lost', {
        timeout: RUN_TIMEOUT,
      }, async () => {
        const reports = await runRestart({ subject, server, seed: 5 });
        expectExactlyOnce(reports, subject.keepsOrder);
        expect(reports[0]?.resets).toBeGreaterThanOrEqual(1);
      });
  });
}
