import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { baseUrl, reset } from './control';
import { indexEntries } from './storybookIndex';

const all = indexEntries().filter((entry) => entry.type === 'story');

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

it('shows the Vue Storybook composed into the React one, with no console error', async () => {
  // Storybook's ref loader also probes stories.json and metadata.json of the Vue ref: both are
  // served, so nothing 404s.
  const { page, errors } = await openPage(browser, `${baseUrl()}/`);
  try {
    // The composed ref is listed by its title; opening it shows the Vue stories from `vue/`.
    const ref = page.locator('#storybook-explorer-tree').getByText('Vue', { exact: true });
    await ref.waitFor({ timeout: 30_000 });
    await ref.click();
    await page.getByText('Composables', { exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'manager-composed');
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

it('opens a deep link to a Vue story with no NoStoryMatchError', async () => {
  await reset();
  const story = 'composables-usewebsocket--badge';
  const { page, errors } = await openPage(browser, `${baseUrl()}/?path=/story/vue_${story}`);
  try {
    const frame = page.frameLocator('#storybook-ref-vue');
    await frame.locator('[data-story="useWebSocket-badge"]').waitFor({ timeout: 30_000 });
    // The manager's own (React) preview was handed the Vue story's id too: it must have stayed
    // quiet and shown no error display.
    const local = await (await page.$('#storybook-preview-iframe'))?.contentFrame();
    expect(local).toBeTruthy();
    const errorShown = await local?.evaluate(() =>
      document.body.classList.contains('sb-show-errordisplay'),
    );
    expect(errorShown).toBe(false);
    expect(errors.filter((text) => text.includes('NoStoryMatchError'))).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});
