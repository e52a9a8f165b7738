// @vitest-environment jsdom
// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import { getDefaultHub } from '@tidings/core';
import { tidings, useTidingsHub, useWebSocket } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, isRef, nextTick, ref } from 'vue';
import { mount, setup, stats, wsUrl } from './harness';

describe('lifecycle', () => {
  it('unmount closes the connection and leaves no hub entry', async () => {
    const { server, hub } = await setup();
    const { result, unmount } = mount(hub, () => useWebSocket(wsUrl(server, '/ws')));
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(hub.keys()).toHaveLength(1);
    unmount();
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    expect(hub.keys()).toEqual([]);
  });

  it('a v-if flip (unmount → mount in one tick) keeps one connection', async () => {
    const { server, hub } = await setup();
    const shown = ref(true);
    const Child = defineComponent({
      setup() {
        const { status } = useWebSocket(wsUrl(server, '/ws'));
        return () => h('i', status.value);
      },
    });
    const host = document.createElement('div');
    const app = createApp({
      render: () => (shown.value ? h(Child, { key: 'a' }) : h(Child, { key: 'b' })),
    }).use(tidings, { hub });
    app.mount(host);
    await vi.waitFor(() => expect(host.textContent).toBe('open'));
    shown.value = false;
    await nextTick();
    await vi.waitFor(() => expect(host.textContent).toBe('open'));
    expect(stats(server, 'ws').opened).toBe(1);
    expect(stats(server, 'ws').connections).toBe(1);
    app.unmount();
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
  });

  it('the plugin provides its hub; without it the default hub is used', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => useTidingsHub());
    expect(result).toBe(hub);
    const host = document.createElement('div');
    let status: { value: string } | undefined;
    const app = createApp({
      setup() {
        status = useWebSocket(wsUrl(server, '/ws?plain=1')).status;
        return () => null;
      },
    });
    app.mount(host);
    await vi.waitFor(() => expect(status?.value).toBe('open'));
    // The key shows the URL up to its query string, which it hides (a hash tells queries apart).
    const keys = getDefaultHub().keys();
    expect(keys.some((key) => key.includes(`${wsUrl(server, '/ws')}?[query `))).toBe(true);
    expect(keys.join('\n')).not.toContain('plain=1');
    app.unmount();
    await vi.waitFor(() => expect(getDefaultHub().keys()).toEqual([]));
  });

  it('returns read-only shallow refs', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => useWebSocket(wsUrl(server, '/ws')));
    expect(isRef(result.status)).toBe(true);
    // Vue warns about the write (left visible); the value must not change.
    const warn = vi.spyOn(console, 'warn');
    (result.status as { value: string }).value = 'open';
    expect(result.status.value).toBe('connecting');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
