// @vitest-environment jsdom
import { useSSE, useWebSocket } from '@tidings/vue';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { chatLineSchemas, collectTexts } from '../shared/chatSchemas';
import { fastReconnect, mount, setup, wsUrl } from './harness';

describe.each(chatLineSchemas)('Vue composables with a %s schema', (_vendor, schema) => {
  it('useWebSocket: an invalid line is a parse error and skipped; data starts at initial', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useWebSocket(wsUrl(server, '/ws'), {
        schema,
        initial: [] as string[],
        reduce: collectTexts,
        reconnect: fastReconnect,
      }),
    );
    expectTypeOf(result.data.value).toEqualTypeOf<string[]>();
    expect(result.data.value).toEqual([]);
    await result.send({ type: 'chat', data: { user: 'ann', text: 'one' } });
    await result.send({ type: 'chat', data: { text: 'no user' } });
    await result.send({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await vi.waitFor(() => expect(result.data.value).toEqual(['one', 'two']));
    expect(result.error.value?.kind).toBe('parse');
    expect(result.error.value?.message).toMatch(/^Invalid message: data\.user: /);
    expect(result.status.value).toBe('open');
  });

  it('useSSE: an invalid event is skipped with a parse error, the stream goes on', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useSSE(`${server.url}/api/sse`, {
        events: ['chat'],
        transport: 'fetch',
        schema,
        initial: [] as string[],
        reduce: collectTexts,
        reconnect: fastReconnect,
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    server.publish({ type: 'chat', data: { user: 'ann', text: 'one' } });
    server.publish({ type: 'chat', data: { user: 'ann', text: 2 } });
    server.publish({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await vi.waitFor(() => expect(result.data.value).toEqual(['one', 'two']));
    expect(result.error.value?.kind).toBe('parse');
    expect(result.error.value?.message).toMatch(/^Invalid "chat" message: data\.text: /);
    expect(result.status.value).toBe('open');
  });
});
