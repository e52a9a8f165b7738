// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import { crossTab } from '@tidings/core/cross-tab';
import { TidingsProvider, useWebSocket } from '@tidings/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from '../shared/fakeTabs';
import { mockMessageId, mockServer, stats, wsUrl } from './helpers';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

let browser: ReturnType<typeof fakeBrowser> | undefined;
afterEach(() => browser?.dispose());

describe('useWebSocket with crossTab', () => {
  it("two tabs' hooks hold one socket; a follower's send goes through the leader once", async () => {
    const server = await mockServer();
    browser = fakeBrowser();
    // Each "tab": its own hub (the provider's, with crossTab from the fake tab) and page env.
    const tabs = [browser.tab(), browser.tab()].map((tab) => {
      const wrapper = ({ children }: { children: ReactNode }) => (
        <TidingsProvider hub={tab.hub}>{children}</TidingsProvider>
      );
      return renderHook(
        () =>
          useWebSocket<Envelope, unknown[]>(wsUrl(server, '/ws'), {
            env: tab.env,
            messageId: mockMessageId,
            reduce: (list = [], m) => (m.type === 'chat' ? [...list, m.data] : list),
          }),
        { wrapper },
      );
    });
    await waitFor(() => {
      for (const { result } of tabs) expect(result.current.status).toBe('open');
      expect(stats(server, 'ws').connections).toBe(1);
    });
    // Whichever tab follows, the send reaches the server once and comes back to both.
    for (const [i, { result }] of tabs.entries()) {
      await act(async () => {
        await result.current.send({ type: 'chat', data: `from tab ${i}` });
      });
    }
    await waitFor(() => {
      for (const { result } of tabs)
        expect(result.current.data).toEqual(['from tab 0', 'from tab 1']);
    });
    expect(server.stats().messages).toBe(2);
    for (const { unmount } of tabs) unmount();
  });

  it('an inline crossTab() is the same option on every render: one channel, no reconnect', () => {
    const { result, rerender } = renderHook(() =>
      useWebSocket('ws://127.0.0.1:1/ws', { crossTab: crossTab(), enabled: false }),
    );
    const first = result.current.channel;
    rerender();
    rerender();
    expect(result.current.channel).toBe(first);
  });
});
