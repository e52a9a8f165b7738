import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { baseUrl, reset } from './control';

const staticDir = join(import.meta.dirname, '..', '..', 'storybook-static');

/** Every story of a built Storybook, from its index. */
function storiesOf(indexPath: string): string[] {
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as {
    entries: Record<string, { id: string; type: string }>;
  };
  return Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map((entry) => entry.id);
}

const all = [
  ...storiesOf(join(staticDir, 'index.json')).map((id) => ({ path: '', id })),
  ...storiesOf(join(staticDir, 'vue', 'index.json')).map((id) => ({ path: '/vue', id })),
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('finds the stories of both Storybooks', () => {
  expect(all.filter((story) => story.path === '').length).toBeGreaterThanOrEqual(15);
  expect(all.filter((story) => story.path === '/vue').length).toBeGreaterThanOrEqual(15);
});

describe.each(all)('story $path $id', ({ path, id }) => {
  it('renders without console errors', async () => {
    await reset();
    const url = `${baseUrl()}${path}/iframe.html?id=${id}&viewMode=story`;
    const { page, errors } = await openPage(browser, url);
    try {
      await page.waitForFunction(
        () => (document.querySelector('#storybook-root')?.childElementCount ?? 0) > 0,
        null,
        { timeout: 20_000 },
      );
      if (id.startsWith('components-notificationbadge')) {
        await screenshot(page, `${path ? 'vue' : 'react'}-${id}`);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

it('shows the Vue Storybook composed into the React one', async () => {
  // The manager page itself is not checked for console errors: Storybook's ref loader probes the
  // optional legacy files stories.json and metadata.json of every ref and logs their 404s.
  const { page } = await openPage(browser, `${baseUrl()}/`);
  try {
    // The composed ref is listed by its title; opening it shows the Vue stories from `vue/`.
    const ref = page.locator('#storybook-explorer-tree').getByText('Vue', { exact: true });
    await ref.waitFor({ timeout: 30_000 });
    await ref.click();
    await page.getByText('Composables', { exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'manager-composed');
  } finally {
    await page.close();
  }
});
