// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { useSSE } from '@tidings/react';
import { useLiveQuery } from '@tidings/react-query';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { mockServer, stats, withHub } from '../react/helpers';

interface Unread {
  unread: number;
}
interface Envelope {
  id: string;
  type: string;
}

describe("useLiveQuery over a hook's channel", () => {
  it.each([
    ['', false],
    [' (StrictMode)', true],
  ])('shares the hook’s one connection under a TidingsProvider%s', async (_, strict) => {
    const server = await mockServer();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const provided = withHub({ strict });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        {provided.wrapper({ children })}
      </QueryClientProvider>
    );
    const { result } = renderHook(
      () => {
        const feed = useSSE<Envelope>(`${server.url}/api/sse`, {
          events: ['notification'],
          transport: 'fetch',
        });
        const unread = useLiveQuery({
          queryKey: ['unread'],
          queryFn: async (): Promise<Unread> => ({ unread: 0 }),
          staleTime: Number.POSITIVE_INFINITY,
          live: feed.channel,
          update: (old: Unread, message: Envelope) =>
            message.type === 'notification' ? { unread: old.unread + 1 } : old,
        });
        return { feed, unread };
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.feed.status).toBe('open'));
    await waitFor(() => expect(result.current.unread.data).toEqual({ unread: 0 }));
    for (let i = 0; i < 3; i++) server.publish({ type: 'notification', data: null });
    await waitFor(() => expect(result.current.unread.data).toEqual({ unread: 3 }));
    expect(result.current.feed.received).toBe(3);
    // One stream for the hook and the query: the provider's hub, not a second one on the default.
    expect(stats(server, 'sse')).toMatchObject({ opened: 1, connections: 1 });
    expect(provided.hub.keys()).toHaveLength(1);
    queryClient.clear();
  });
});
