// @vitest-environment jsdom
import { useWebSocket } from '@tidings/vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '../shared/fakeTabs';
import type { Envelope } from './composableSuite';
import { mockMessageId, mount, setup, stats, wsUrl } from './harness';

let browser: ReturnType<typeof fakeBrowser> | undefined;
afterEach(() => browser?.dispose());

describe('useWebSocket with crossTab', () => {
  it("two tabs' composables hold one socket; a follower's send goes through the leader once", async () => {
    const { server } = await setup();
    browser = fakeBrowser();
    // Each "tab": the plugin's hub (with crossTab, from the fake tab) and the tab's page env.
    const tabs = [browser.tab(), browser.tab()].map(
      (tab) =>
        mount(tab.hub, () =>
          useWebSocket<Envelope, unknown[]>(wsUrl(server, '/ws'), {
            env: tab.env,
            messageId: mockMessageId,
            reduce: (list = [], m) => (m.type === 'chat' ? [...list, m.data] : list),
          }),
        ).result,
    );
    await vi.waitFor(() => {
      for (const result of tabs) expect(result.status.value).toBe('open');
      expect(stats(server, 'ws').connections).toBe(1);
    });
    for (const [i, result] of tabs.entries()) {
      await result.send({ type: 'chat', data: `from tab ${i}` });
    }
    await vi.waitFor(() => {
      for (const result of tabs) expect(result.data.value).toEqual(['from tab 0', 'from tab 1']);
    });
    expect(server.stats().messages).toBe(2);
  });
});
