// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
// No jsdom here: this file runs in Node, as a server renderer does.
import { createHub } from '@tidings/core';
import {
  NotificationBadge,
  tidings,
  useIframeStream,
  useLongPoll,
  usePolling,
  useSSE,
  useSSEStream,
  useWebSocket,
} from '@tidings/vue';
import { useMqtt } from '@tidings/vue/mqtt';
import { useSocketIO } from '@tidings/vue/socket-io';
import { describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { setup, wsUrl } from './harness';

describe('server-side rendering', () => {
  it('renders every composable and the badge without connecting anything', async () => {
    expect(typeof window).toBe('undefined');
    const { server } = await setup();
    const hub = createHub();
    const App = defineComponent({
      setup() {
        const polling = usePolling<{ unread: number }>(`${server.url}/api/notifications`, {
          initial: { unread: 7 },
        });
        const longPoll = useLongPoll(`${server.url}/api/long-poll`);
        const sse = useSSE(`${server.url}/api/sse`, { events: ['notification'] });
        const chat = useSSEStream(`${server.url}/api/chat`, { method: 'POST' });
        const ws = useWebSocket(wsUrl(server, '/ws'));
        const iframe = useIframeStream(`${server.url}/iframe/stream`);
        const mqtt = useMqtt(wsUrl(server, '/mqtt'), { topics: 'notifications/#' });
        const socket = useSocketIO(server.url, { events: ['notification'] });
        return () =>
          h('main', [
            h(
              NotificationBadge,
              { count: polling.data.value?.unread ?? 0, status: polling.status.value },
              () => h('span', 'Inbox'),
            ),
            h(
              'p',
              [longPoll, sse, chat, ws, iframe, mqtt, socket].map((c) => c.status.value).join(','),
            ),
          ]);
      },
    });
    const app = createSSRApp(App).use(tidings, { hub });
    const html = await renderToString(app);
    expect(html).toContain('7 unread notifications');
    expect(html).toContain('Inbox');
    expect(html).toContain('idle,idle,idle,idle,idle,idle,idle');
    // No wire exists: a connection can only be made by a wire, and wires live in the hub.
    expect(hub.keys()).toEqual([]);
    // The server's own count, read over a round trip that starts after rendering finished.
    const counted = (await (await fetch(`${server.url}/control/stats`)).json()) as ReturnType<
      typeof server.stats
    >;
    for (const [name, transport] of Object.entries(counted.transports)) {
      expect({ name, ...transport }).toMatchObject({
        name,
        requests: 0,
        connections: 0,
        opened: 0,
      });
    }
    expect(hub.keys()).toEqual([]);
  });
});
