// @vitest-environment jsdom

import { act, waitFor } from '@testing-library/react';
import { createHub } from '@tidings/core';
import { NotificationBadge, TidingsProvider, useWebSocket } from '@tidings/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { mockServer, stats, wsUrl } from './helpers';

function Page({ url }: { url: string }) {
  const { status, received } = useWebSocket(url);
  return (
    <NotificationBadge count={received} showZero status={status}>
      <span data-testid="status">{status}</span>
    </NotificationBadge>
  );
}

describe('hydration', () => {
  it('hydrates the server HTML without a mismatch, then connects', async () => {
    const server = await mockServer();
    const hub = createHub();
    const app = (
      <TidingsProvider hub={hub}>
        <Page url={wsUrl(server, '/ws')} />
      </TidingsProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    document.body.append(container);
    expect(container.textContent).toContain('idle');
    expect(stats(server, 'ws').opened).toBe(0);
    const onRecoverableError = vi.fn();
    const root = await act(async () => hydrateRoot(container, app, { onRecoverableError }));
    await waitFor(() => expect(container.textContent).toContain('open'));
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(stats(server, 'ws')).toMatchObject({ connections: 1, opened: 1 });
    server.publish({ type: 'notification', data: 'x' });
    await waitFor(() => expect(container.textContent).toContain('1 unread notification'));
    act(() => root.unmount());
    container.remove();
    await waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
  });
});
