import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from './browser';
import { baseUrl, publish, reset, stats } from './control';
import { messageFor } from './stories';

// The "Open this page in several tabs" story of both Storybooks, in three pages of one browser
// context: one leads, the server counts one SSE connection, and "Close the leader" hands over.

const stories = [
  {
    framework: 'react',
    url: () =>
      `${baseUrl()}/iframe.html?id=hooks-cross-tab-sharing--open-in-several-tabs&viewMode=story`,
  },
  {
    framework: 'vue',
    url: () =>
      `${baseUrl()}/vue/iframe.html?id=composables-cross-tab-sharing--open-in-several-tabs&viewMode=story`,
  },
];

const WAIT = { timeout: 30_000, interval: 100 };

let browser: Browser;
let context: BrowserContext | undefined;
let errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(errors).toEqual([]);
});

const text = (page: Page, testid: string) => page.getByTestId(testid).textContent();

async function roles(pages: Page[]) {
  return Promise.all(pages.map((page) => text(page, 'crosstab-role')));
}

/** Waits until `check` (reading the pages) passes. */
async function until(check: () => Promise<boolean>): Promise<void> {
  await vi.waitFor(async () => expect(await check()).toBe(true), WAIT);
}

describe.each(stories)('the cross-tab story ($framework)', (story) => {
  it('three tabs: one leads, one SSE connection, every tab receives; Close the leader hands over', async () => {
    await reset();
    errors = [];
    context = await browser.newContext();
    const pages: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(story.url());
      await page.getByTestId('crosstab-role').waitFor(WAIT);
      pages.push(page);
    }
    await until(async () => {
      const leaders = (await roles(pages)).filter((role) => role === 'leads');
      const statuses = await Promise.all(pages.map((page) => text(page, 'status')));
      return leaders.length === 1 && statuses.every((status) => status === 'open');
    });
    await until(async () => (await stats()).transports.sse?.connections === 1);
    await until(async () =>
      (await Promise.all(pages.map((page) => text(page, 'crosstab-connections')))).every(
        (shown) => shown === '1',
      ),
    );
    await publish(messageFor('badge', 1));
    await until(async () =>
      (await Promise.all(pages.map((page) => text(page, 'received')))).every((n) => n === '1'),
    );

    const before = await roles(pages);
    const leader = pages[before.indexOf('leads')] as Page;
    const follower = pages.find((page) => page !== leader) as Page;
    await follower.getByRole('button', { name: 'Close the leader' }).click();
    const rest = pages.filter((page) => page !== leader);
    await until(async () => {
      const after = await roles(rest);
      return after.filter((role) => role === 'leads').length === 1;
    });
    // The old leader let go of the lock inside close(); its page renders 'closed' on its own
    // schedule (a background tab's frame can come later than the new leader's), so wait for it.
    await until(async () => (await text(leader, 'status')) === 'closed');
    await publish(messageFor('badge', 2));
    await until(async () =>
      (await Promise.all(rest.map((page) => text(page, 'received')))).every((n) => n === '2'),
    );
    // The server counts the old leader's stream until it sees that socket close: wait for it.
    await until(async () => (await stats()).transports.sse?.connections === 1);
  });
});
