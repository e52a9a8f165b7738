import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { baseUrl, drop, publish, reset, setFaults } from './control';
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

const pushBadges = liveStories.filter((story) => story.push && story.kind === 'badge');

describe.each(pushBadges)('$framework story $id after a drop', (story) => {
  it('shows reconnecting, then open again, with no message lost or repeated', async () => {
    await reset();
    const { page, errors } = await openPage(browser, storyUrl(baseUrl(), story));
    try {
      await waitForText(page, 'status', 'open');
      const before = await publish(messageFor('badge', 1));
      await waitForLogged(page, before.id);

      // Hold the outage open with failing reconnects, so "reconnecting" is visible and a
      // message published meanwhile has to come through the resume.
      await setFaults({ status: 503 });
      await drop();
      await waitForText(page, 'status', 'reconnecting', story.slowToNotice ? 50_000 : 20_000);
      const during = await publish(messageFor('badge', 2));
      await setFaults({});

      await waitForText(page, 'status', 'open', 30_000);
      const after = await publish(messageFor('badge', 3));
      await waitForLogged(page, after.id);
      const wanted = [before.id, during.id, after.id];
      const ids = (await loggedIds(page)).filter((id) => wanted.includes(id));
      expect(ids).toEqual(wanted);
      // The failed reconnects are expected network errors; nothing else may be logged.
      expect(errors.filter((text) => !isExpectedFailure(text))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** What the browser itself logs for a refused request or socket during the held outage. */
function isExpectedFailure(text: string): boolean {
  return (
    text.includes('503') ||
    text.includes('ERR_') ||
    text.includes('WebSocket connection to') ||
    text.includes('Failed to load resource')
  );
}
