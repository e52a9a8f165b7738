import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A finding an assistive-technology user would hit, in a form a failing assertion can print. */
export interface Finding {
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  targets: string[];
}

const BLOCKING: ReadonlySet<ImpactValue | undefined> = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.x A and AA rules, plus best practices) over the page as it is now and
 * returns every violation, the blocking ones (`serious`, `critical`) flagged by `impact`.
 */
export async function audit(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<AxeResults> };
      }
    ).axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? undefined,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** The findings that fail the build. */
export const blocking = (findings: Finding[]): Finding[] =>
  findings.filter((finding) => BLOCKING.has(finding.impact));
