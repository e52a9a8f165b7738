// No jsdom here: this is Node, as a server renders.
import { createHub } from '@tidings/core';
import {
  NotificationBadge,
  TidingsProvider,
  useIframeStream,
  useLongPoll,
  usePolling,
  useSSE,
  useSSEStream,
  useWebSocket,
} from '@tidings/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { mockServer } from './helpers';

function Page({ base }: { base: string }) {
  const poll = usePolling<{ unread: number }>(`${base}/api/notifications`);
  const long = useLongPoll(`${base}/api/long-poll`);
  const sse = useSSE(`${base}/api/sse`, { events: ['notification'] });
  const chat = useSSEStream(`${base}/api/chat`, { method: 'POST' });
  const socket = useWebSocket(`${base.replace(/^http/, 'ws')}/ws`, { initial: { id: 'seed' } });
  const iframe = useIframeStream(`${base}/iframe/stream`);
  return (
    <NotificationBadge count={poll.data?.unread ?? 3} status={socket.status}>
      <span>
        {[poll, long, sse, chat, socket, iframe].map((r) => r.status).join(',')}
        {(socket.data as { id: string }).id}
      </span>
    </NotificationBadge>
  );
}

describe('server rendering', () => {
  it('renders every hook and the badge without touching window or connecting', async () => {
    expect(typeof window).toBe('undefined');
    const server = await mockServer();
    const hub = createHub();
    const html = renderToString(
      <TidingsProvider hub={hub}>
        <Page base={server.url} />
      </TidingsProvider>,
    );
    expect(html).toContain('idle,idle,idle,idle,idle,idle');
    expect(html).toContain('seed');
    expect(html).toContain('3 unread notifications');
    expect(html).toContain('role="status"');
    await new Promise((resolve) => setImmediate(resolve));
    expect(hub.keys()).toEqual([]);
    const { transports } = server.stats();
    for (const transport of Object.values(transports)) {
      expect(transport).toMatchObject({ requests: 0, connections: 0, opened: 0 });
    }
  });
});
