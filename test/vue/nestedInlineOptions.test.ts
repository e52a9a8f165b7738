// @vitest-environment jsdom
import { useWebSocket } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, shallowRef } from 'vue';
import { wsUrl } from '../shared/mockServerHelpers';
import { mount, setup, stats } from './harness';

describe('an inline function nested in options', () => {
  it('(a heartbeat pong) never reconnects when the options getter runs again', async () => {
    const { server, hub } = await setup();
    // Read by the getter, so every change re-runs it and makes a new inline pong.
    const renders = shallowRef(0);
    const { result } = mount(hub, () =>
      useWebSocket(wsUrl(server, '/ws'), () => ({
        heartbeat: {
          interval: 25_000 + renders.value * 0,
          pong: (raw: unknown) => raw === '{"type":"pong"}',
        },
      })),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    const channel = result.channel.value;
    for (let render = 1; render <= 5; render++) {
      renders.value = render;
      await nextTick();
    }
    expect(result.channel.value).toBe(channel);
    server.publish({ type: 'notification', data: null });
    await vi.waitFor(() => expect(result.received.value).toBe(1));
    expect(stats(server, 'ws')).toMatchObject({ opened: 1, connections: 1 });
  });
});
