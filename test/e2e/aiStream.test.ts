import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { baseUrl, reset, stats } from './control';
import { textOf, waitForText } from './page';
import { aiStories, storyUrl } from './stories';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(aiStories)('$framework story $id', (story) => {
  it('streams an answer token by token, then Stop ends it without an error', async () => {
    await reset();
    const { page, errors } = await openPage(browser, storyUrl(baseUrl(), story));
    try {
      await page.fill('[data-testid="prompt"]', 'What is long polling?');
      await page.click('[data-testid="start"]');
      // Some tokens, not all of them: the answer is still streaming.
      await page.waitForFunction(
        () =>
          (document.querySelector('[data-testid="answer"]')?.textContent ?? '').split(' ').length >
          3,
        null,
        { timeout: 20_000 },
      );
      await page.click('[data-testid="stop"]');
      await waitForText(page, 'status', 'closed');
      const stopped = await textOf(page, 'answer');
      const received = Number(await textOf(page, 'received'));
      expect(stopped.length).toBeGreaterThan(0);
      expect(await textOf(page, 'error')).toBe('');
      // Stopped means stopped: the request is gone from the server, so no token can follow. The
      // server sees the browser's abort on its own schedule: as long as the other waits here, not
      // expect.poll's 1 s default.
      await expect
        .poll(async () => (await stats()).transports.chat?.connections, { timeout: 20_000 })
        .toBe(0);
      expect(Number(await textOf(page, 'received'))).toBe(received);

      // A fresh question streams a whole new answer to its end.
      await page.click('[data-testid="start"]');
      await page.waitForFunction(
        (before) =>
          Number(document.querySelector('[data-testid="received"]')?.textContent) > before,
        received,
        { timeout: 20_000 },
      );
      await waitForText(page, 'status', 'closed', 30_000);
      expect(await textOf(page, 'error')).toBe('');
      await screenshot(page, `${story.framework}-${story.id}`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
