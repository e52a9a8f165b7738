import type { Browser } from 'playwright-core';
import { type BenchPage, openPage } from '../browser';
import type { Competitor } from '../competitors';
import { type MockServer, openConnections, until } from '../server';

/** What every scenario gets: the browser, the server, and the seq of the next message. */
export interface ScenarioContext {
  browser: Browser;
  server: MockServer;
  /** Messages carry a seq unique over the whole run, so a view can never show a stale one. */
  nextSeq: () => number;
  /** Keeps a remark for the report (the first error a page logged, say). */
  note(competitor: Competitor, remark: string): void;
}

/** One competitor's figures in one round, by metric name. */
export type Figures = Record<string, number>;

/** Opens the competitor's page for a scenario; the caller closes it with {@link closePage}. */
export function openCompetitor(
  context: ScenarioContext,
  competitor: Competitor,
  scenario: string,
  query: Record<string, string> = {},
): Promise<BenchPage> {
  const search = new URLSearchParams({ scenario, ...query });
  return openPage(context.browser, `${context.server.url}/${competitor.page}.html?${search}`);
}

/** Closes the page and waits for the server to see its connections go, so rounds never overlap. */
export async function closePage(context: ScenarioContext, page: BenchPage): Promise<void> {
  await page.close();
  await until(() => openConnections(context.server) === 0, 10_000);
}

/** Emits `count` messages at once, in one synchronous loop on the server. */
export function emitBurst(context: ScenarioContext, count: number, type = 'bench'): void {
  for (let i = 0; i < count; i++) {
    context.server.publish({ type, data: { seq: context.nextSeq(), sentAt: 0 } });
  }
}
