import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { baseUrl, publish, reset, setFaults, stats } from './control';
import { loggedIds, waitForLogged, waitForText } from './page';
import { liveStories, messageFor, storyUrl } from './stories';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await setFaults({});
});

const webSocketBadges = liveStories.filter((story) => story.id.endsWith('usewebsocket--badge'));

describe.each(webSocketBadges)('$framework control panel', (story) => {
  it('shows the faults in force, and Clear faults clears only them', async () => {
    await reset();
    // Set elsewhere (another tab, a test): the panel shows them as soon as it opens.
    await setFaults({ status: 503, errorRate: 0.5 });
    const { page, errors } = await openPage(browser, storyUrl(baseUrl(), story));
    try {
      await waitForText(page, 'faults', 'Faults in force: 50% of requests answer 503');
      await page.click('[data-testid="control-clear"]');
      await waitForText(page, 'faults', 'Faults in force: none');

      await waitForText(page, 'status', 'open');
      const message = await publish(messageFor('badge', 1));
      await waitForLogged(page, message.id);
      await page.click('[data-testid="control-latency"]');
      await waitForText(page, 'faults', 'Faults in force: latency 1500 ms');
      expect(await page.getAttribute('[data-testid="faults"]', 'data-active')).toBe('true');
      await page.click('[data-testid="control-clear"]');
      await waitForText(page, 'faults', 'Faults in force: none');

      // Clearing faults left the log, the stats and the connection alone.
      expect(await loggedIds(page)).toContain(message.id);
      expect((await stats()).messages).toBe(1);
      expect(await page.textContent('[data-testid="status"]')).toBe('open');
      expect(await page.getAttribute('[data-testid="control-reset"]', 'title')).toContain(
        'empties the message log and the stats',
      );
      expect(errors.filter((text) => !text.includes('503'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
