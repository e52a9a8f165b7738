import type { Page } from 'playwright-core';

/** Waits until the element with `testId` reads exactly `text` (a story's status, say). */
export async function waitForText(page: Page, testId: string, text: string, timeout = 20_000) {
  await page.waitForFunction(
    ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === expected,
    [testId, text] as const,
    { timeout },
  );
}

/** Waits until a log (`data-testid=log`, `log-bob`, ...) shows the message with `id`. */
export async function waitForLogged(page: Page, id: string, log = 'log', timeout = 20_000) {
  await page.waitForSelector(`[data-testid="${log}"] li[data-id="${id}"]`, { timeout });
}

/** The message ids a log shows, in order. */
export function loggedIds(page: Page, log = 'log'): Promise<string[]> {
  return page.$$eval(`[data-testid="${log}"] li[data-id]`, (items) =>
    items.map((item) => item.getAttribute('data-id') ?? ''),
  );
}

/** Text of an element by test id ('' when absent). */
export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.locator(`[data-testid="${testId}"]`).first().textContent()) ?? '';
}
