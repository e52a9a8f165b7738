import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { baseUrl, publish, reset } from './control';
import { loggedIds, textOf, waitForLogged, waitForText } from './page';
import { liveStories, messageFor, storyUrl } from './stories';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(liveStories)('$framework story $id', (story) => {
  it('loads without console errors, opens, and shows a live message', async () => {
    await reset();
    const { page, errors } = await openPage(browser, storyUrl(baseUrl(), story));
    try {
      await waitForText(page, 'status', 'open');
      const logs = story.kind === 'chat' ? ['log-alice', 'log-bob'] : ['log'];
      const message = await publish(messageFor(story.kind, 1));
      for (const log of logs) await waitForLogged(page, message.id, log);
      for (const log of logs) {
        expect((await loggedIds(page, log)).filter((id) => id === message.id)).toHaveLength(1);
      }
      if (story.kind === 'badge') {
        // The unread badge counted the notification and says so to assistive technology.
        await page.waitForFunction(
          () => /\d+ unread/.test(document.querySelector('[role="status"]')?.textContent ?? ''),
          null,
          { timeout: 20_000 },
        );
      }
      expect(await textOf(page, 'error')).toBe('');
      await screenshot(page, `${story.framework}-${story.id}`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
