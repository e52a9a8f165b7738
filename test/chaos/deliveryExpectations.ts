import { expect } from 'vitest';
import type { DeliveryReport } from './deliveryReport';

/** Fewer cuts than this and a run proves little about resume. */
export const MIN_CUTS = 20;
/** Generous bound on one scenario; the runs wait for events, so a healthy one takes far less. */
export const RUN_TIMEOUT = 180_000;

/** The delivery promise for each report: nothing lost or duplicated, and in order if it keeps order. */
export function expectDeliveredOnce(reports: readonly DeliveryReport[], keepsOrder: boolean): void {
  for (const report of reports) {
    const label = `${report.transport}: ${report.scenario}`;
    expect(report, label).toMatchObject({ lost: 0, duplicated: 0 });
    if (keepsOrder) expect(report.outOfOrder, label).toBe(0);
  }
}
