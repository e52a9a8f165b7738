import { createHub, createWebSocket } from '@tidings/core';
import { crossTab } from '@tidings/core/cross-tab';
import { describe, expect, it } from 'vitest';

describe('the crossTab option', () => {
  it('is the value crossTab() makes, carrying its settings', () => {
    expect(crossTab().settings).toEqual({ name: undefined, beatMs: 500, staleMs: 3000 });
    expect(crossTab({ name: 'feed', staleMs: 2000 }).settings).toMatchObject({
      name: 'feed',
      staleMs: 2000,
    });
  });

  it('a flag from JavaScript is a config error that names the entry, not a silent local connection', () => {
    const channel = createWebSocket('ws://127.0.0.1:1/ws', {
      hub: createHub(),
      crossTab: true as never,
    });
    channel.connect();
    expect(channel.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
    expect(channel.getState().error?.message).toContain('@tidings/core/cross-tab');
  });

  it('false keeps a channel to its tab on a hub that shares', () => {
    const hub = createHub({ crossTab: crossTab() });
    const channel = createWebSocket('ws://127.0.0.1:1/ws', { hub, crossTab: false });
    channel.connect();
    expect(channel.getState().error).toBeNull();
    expect(hub.keys().some((key) => key.endsWith(' crossTab'))).toBe(false);
    channel.close();
  });
});
