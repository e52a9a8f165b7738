import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, blocking } from './axe';
import { launchBrowser, openPage } from './browser';
import { baseUrl, publish, reset } from './control';
import { waitForLogged, waitForText } from './page';
import { liveStories, messageFor } from './stories';
import { entryUrl, indexEntries } from './storybookIndex';

const entries = indexEntries();

/**
 * Waits until every story block of a docs page has rendered its story and been sized to it.
 * Storybook renders the blocks one after another, each story first, and sets the block's height
 * after measuring it: for a frame or two a story overflows a block that scrolls, and axe reports
 * a scrollable region with nothing focusable in it. A block that never fits fails here, by timeout.
 */
async function docsLaidOut(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>('.docs-story')].every(
        (block) =>
          (block.querySelector('.sb-story > [id$="-inner"]')?.childElementCount ?? 0) > 0 &&
          block.scrollHeight <= block.clientHeight &&
          block.scrollWidth <= block.clientWidth,
      ),
    null,
    { timeout: 20_000, polling: 'raf' },
  );
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('audits the docs pages of both Storybooks too', () => {
  expect(
    entries.filter((entry) => entry.type === 'docs' && entry.path === '').length,
  ).toBeGreaterThan(5);
  expect(
    entries.filter((entry) => entry.type === 'docs' && entry.path === '/vue').length,
  ).toBeGreaterThan(5);
});

describe.each(entries)('$type $path $id', (entry) => {
  it('has no serious or critical axe-core finding', async () => {
    await reset();
    const { page } = await openPage(browser, entryUrl(baseUrl(), entry));
    try {
      const root = entry.type === 'docs' ? '#storybook-docs' : '#storybook-root';
      await page.waitForFunction(
        (selector) => (document.querySelector(selector)?.childElementCount ?? 0) > 0,
        root,
        { timeout: 20_000 },
      );
      if (entry.type === 'docs') await docsLaidOut(page);
      // A live story is audited with a message in its log: the ids and meta lines are text too.
      const live = liveStories.find(
        (story) => story.id === entry.id && (story.framework === 'vue') === (entry.path === '/vue'),
      );
      if (live && entry.type === 'story') {
        await waitForText(page, 'status', 'open');
        const message = await publish(messageFor(live.kind, 1));
        await waitForLogged(page, message.id, live.kind === 'chat' ? 'log-alice' : 'log');
      }
      const findings = blocking(await audit(page));
      expect(findings).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
