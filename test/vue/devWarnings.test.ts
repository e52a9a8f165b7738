// @vitest-environment jsdom
import { resetWarnings } from '@tidings/core/binding';
import { useSSE, useWebSocket } from '@tidings/vue';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { nextTick, shallowRef } from 'vue';
import { wsUrl } from '../shared/mockServerHelpers';
import { mount, setup } from './harness';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  resetWarnings();
  warn = vi.spyOn(console, 'warn');
});
afterEach(() => warn.mockRestore());

const warnings = (text: string) =>
  warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes(text));

// Misconfigured on purpose: transport 'polyfill' without the polyfill option is a `config` error.
const misconfigured = { transport: 'polyfill' as const, events: ['notification'] };

describe('development warnings (Vue)', () => {
  it('warns once about a config error that nothing reads and no onError handles', async () => {
    const { hub } = await setup();
    const { result } = mount(hub, () => [
      useSSE('http://127.0.0.1:9/api/sse', misconfigured).status,
      useSSE('http://127.0.0.1:9/api/sse', misconfigured).status,
    ]);
    await vi.waitFor(() =>
      expect(result.map((status) => status.value)).toEqual(['closed', 'closed']),
    );
    await vi.waitFor(() => expect(warnings('Nothing shows this error')).toHaveLength(1));
    expect(warnings('Nothing shows this error')[0]).toContain("transport 'polyfill'");
  });

  it('says nothing when the error is read or handled', async () => {
    const { hub } = await setup();
    const onError = vi.fn();
    const { result } = mount(hub, () => {
      const shown = useSSE('http://127.0.0.1:9/api/a', misconfigured);
      const handled = useSSE('http://127.0.0.1:9/api/b', { ...misconfigured, onError });
      return { shownError: shown.error.value?.kind, handled: handled.status };
    });
    expect(result.shownError).toBe('config');
    await vi.waitFor(() => expect(result.handled.value).toBe('closed'));
    expect(onError).toHaveBeenCalled();
    await nextTick();
    expect(warnings('Nothing shows this error')).toEqual([]);
  });

  it('warns about two wires that differ only in a reconnect literal', async () => {
    const { server, hub } = await setup();
    const url = wsUrl(server, '/ws');
    const { result } = mount(hub, () => [
      useWebSocket(url, { reconnect: { minDelay: 10 } }).status,
      useWebSocket(url, { reconnect: { minDelay: 10 } }).status,
    ]);
    await vi.waitFor(() => expect(result.map((status) => status.value)).toEqual(['open', 'open']));
    expect(warnings('differ only in')).toEqual([]);
    const near = mount(hub, () => useWebSocket(url, { reconnect: { minDelay: 20 } }).status);
    await vi.waitFor(() => expect(near.result.value).toBe('open'));
    expect(warnings('differ only in')).toHaveLength(1);
    expect(warnings('differ only in')[0]).toContain('webSocket wires differ only in reconnect');
  });

  it('warns about an option that is a new object on every evaluation, from the second reconnect', async () => {
    const { server, hub } = await setup();
    const topic = shallowRef('news');
    mount(hub, () =>
      useSSE(`${server.url}/api/sse`, () => ({
        method: 'POST',
        // A class instance made in the getter: compared by reference, a new wire each time.
        body: new URLSearchParams({ topic: topic.value.trim() }),
        reconnect: false,
      })),
    );
    topic.value = 'news ';
    await nextTick();
    expect(warnings('new object on every render')).toEqual([]);
    topic.value = 'news  ';
    await nextTick();
    expect(warnings('new object on every render')).toHaveLength(1);
    expect(warnings('new object on every render')[0]).toContain('"body"');
  });
});
