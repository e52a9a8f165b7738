// No jsdom here: this is Node, as a server renders.
import { createHub } from '@tidings/core';
import { TidingsProvider, useRealtime } from '@tidings/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { mockServer, wsUrl } from './helpers';

function Feed({ base, ws }: { base: string; ws: string }) {
  const feed = useRealtime<{ id: string }>(
    { webSocket: ws, sse: `${base}/api/sse`, longPoll: `${base}/api/long-poll` },
    { events: ['notification'], initial: { id: 'seed' } },
  );
  return <span>{`${feed.status},${feed.transport ?? 'none'},${feed.data?.id}`}</span>;
}

describe('useRealtime on the server', () => {
  it('renders idle with its initial data, without touching window or connecting', async () => {
    expect(typeof window).toBe('undefined');
    const server = await mockServer();
    const hub = createHub();
    const html = renderToString(
      <TidingsProvider hub={hub}>
        <Feed base={server.url} ws={wsUrl(server, '/ws')} />
      </TidingsProvider>,
    );
    expect(html).toContain('idle,none,seed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(hub.keys()).toEqual([]);
    for (const transport of Object.values(server.stats().transports)) {
      expect(transport).toMatchObject({ requests: 0, connections: 0, opened: 0 });
    }
  });
});
