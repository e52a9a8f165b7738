import { createWebSocket } from '@tidings/core';
import { crossTabRole } from '@tidings/core/cross-tab';
import { type InspectedWire, observeHub } from '@tidings/core/devtools';
import { wireColumns } from '@tidings/devtools';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fakeBrowser } from '../shared/fakeTabs';
import { wsUrl } from '../shared/mockServerHelpers';

let server: MockServer;
let browser: ReturnType<typeof fakeBrowser>;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  browser = fakeBrowser();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  browser.dispose();
  await server.close();
});

const tabsCell = (wire: InspectedWire) =>
  wireColumns.find((column) => column.header === 'Tabs')?.cell(wire, 0);

describe('devtools show which tab leads a cross-tab wire', () => {
  it('each tab sees its own role and the same leader; the panel column says so', async () => {
    const tabs = Array.from({ length: 2 }, () => {
      const tab = browser.tab();
      const channel = createWebSocket(wsUrl(server, '/ws'), {
        hub: tab.hub,
        env: { ...tab.env, WebSocket: NodeWebSocket as unknown as typeof WebSocket },
      });
      channel.connect();
      let seen: InspectedWire[] = [];
      const stop = observeHub(tab.hub, (wires) => {
        seen = wires;
      });
      cleanups.push(() => channel.close(), stop);
      return { channel, seen: () => seen };
    });
    await vi.waitFor(() => {
      for (const { channel } of tabs) expect(channel.getState().status).toBe('open');
      expect(tabs.filter(({ channel }) => crossTabRole(channel)?.leading)).toHaveLength(1);
      for (const { seen } of tabs) expect(seen()[0]?.crossTab).toBeDefined();
    });
    const leader = tabs.find(({ channel }) => crossTabRole(channel)?.leading);
    const follower = tabs.find(({ channel }) => !crossTabRole(channel)?.leading);
    const led = leader?.seen()[0];
    const relayed = follower?.seen()[0];
    expect(led?.crossTab).toMatchObject({ leading: true });
    expect(relayed?.crossTab).toMatchObject({ leading: false, leader: led?.crossTab?.tab });
    expect(led && tabsCell(led)).toBe(`this tab leads (${led?.crossTab?.tab})`);
    expect(relayed && tabsCell(relayed)).toBe(`relayed from ${led?.crossTab?.tab}`);
  });

  it('a wire kept to one tab has no cross-tab role', async () => {
    const tab = browser.tab();
    const channel = createWebSocket(wsUrl(server, '/ws'), {
      hub: tab.hub,
      crossTab: false,
      env: { ...tab.env, WebSocket: NodeWebSocket as unknown as typeof WebSocket },
    });
    channel.connect();
    let seen: InspectedWire[] = [];
    const stop = observeHub(tab.hub, (wires) => {
      seen = wires;
    });
    cleanups.push(() => channel.close(), stop);
    await vi.waitFor(() => expect(seen[0]?.status).toBe('open'));
    expect(seen[0]?.crossTab).toBeUndefined();
    expect(seen[0] && tabsCell(seen[0])).toBe('—');
  });
});
