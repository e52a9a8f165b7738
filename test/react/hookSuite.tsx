import { act, renderHook, waitFor } from '@testing-library/react';
import type { UseChannelReturn } from '@tidings/react';
import { describe, expect, it, vi } from 'vitest';
import { type MockServer, mockServer, stats, type TransportName, withHub } from './helpers';

export interface CaseProps<TMessage> {
  /** Part of the URL: a new variant is a new URL. */
  variant: string;
  reduce: (list: string[] | undefined, message: TMessage) => string[];
  onMessage?: (message: TMessage) => void;
  /** Counts (re)opens, for transports where the server sees each request as a connection. */
  onOpen?: () => void;
  /** 'sync' where a test must see every status, even short-lived ones. */
  notify?: 'sync';
}

/** One transport's hook, as the shared conformance tests drive it. */
export interface HookCase<TMessage> {
  transport: TransportName;
  /** The transport resumes from its cursor: messages published during an outage arrive. */
  resumes: boolean;
  /** The server counts every request as opened (long polling): count opens with `onOpen`. */
  opensPerRequest?: boolean;
  use(server: MockServer, props: CaseProps<TMessage>): UseChannelReturn<string[]>;
  /** The message's id (the mock server's `{ id }`), wherever the transport puts it. */
  idOf(message: TMessage): string;
  /** Waits until the hook can receive (e.g. an MQTT subscription is acknowledged). */
  ready?(server: MockServer, result: UseChannelReturn<string[]>): boolean;
}

/**
 * The behaviour every hook must show against the real mock server: data, status walk, surviving
 * a drop without loss or repeats, close, a URL change reconnecting once, a callback change not.
 */
export function describeHook<TMessage>(name: string, hook: HookCase<TMessage>): void {
  const open = async (server: MockServer, props: Partial<CaseProps<TMessage>> = {}) => {
    const { hub, wrapper } = withHub();
    const statuses: string[] = [];
    const opens = vi.fn();
    const initialProps: CaseProps<TMessage> = {
      variant: 'a',
      onOpen: opens,
      reduce: (list = [], message) => [...list, hook.idOf(message)],
      ...props,
    };
    const view = renderHook(
      (p: CaseProps<TMessage>) => {
        const result = hook.use(server, p);
        statuses.push(result.status);
        return result;
      },
      { wrapper, initialProps },
    );
    await waitFor(() => expect(view.result.current.status).toBe('open'));
    await waitFor(() =>
      expect(hook.ready ? hook.ready(server, view.result.current) : true).toBe(true),
    );
    return { ...view, hub, statuses, initialProps, opens };
  };
  const live = (server: MockServer) => stats(server, hook.transport);
  /** Connections opened so far: by the server's count, or by `onOpen` where each request counts. */
  const opened = (server: MockServer, opens: { mock: { calls: unknown[] } }) =>
    hook.opensPerRequest ? opens.mock.calls.length : live(server).opened;

  describe(`${name} (conformance)`, () => {
    it('renders data from the server and walks connecting → open', async () => {
      const server = await mockServer();
      const { result, statuses } = await open(server);
      expect(statuses.indexOf('connecting')).toBeGreaterThanOrEqual(0);
      expect(statuses.indexOf('connecting')).toBeLessThan(statuses.indexOf('open'));
      const { id } = server.publish({ type: 'notification', data: { title: 'hi' } });
      await waitFor(() => expect(result.current.data).toEqual([id]));
      expect(result.current.received).toBe(1);
    });

    it('shows reconnecting after a drop, then open again, with no message lost or repeated', async () => {
      const server = await mockServer();
      const { result, statuses } = await open(server, { notify: 'sync' });
      const first = server.publish({ type: 'notification', data: 1 });
      await waitFor(() => expect(result.current.data).toEqual([first.id]));
      statuses.length = 0;
      await server.drop();
      const during = hook.resumes ? [server.publish({ type: 'notification', data: 2 }).id] : [];
      await waitFor(() => expect(statuses).toContain('reconnecting'));
      await waitFor(() => expect(result.current.status).toBe('open'));
      expect(statuses.lastIndexOf('reconnecting')).toBeLessThan(statuses.lastIndexOf('open'));
      await waitFor(() =>
        expect(hook.ready ? hook.ready(server, result.current) : true).toBe(true),
      );
      const after = server.publish({ type: 'notification', data: 3 });
      await waitFor(() => expect(result.current.data).toContain(after.id));
      expect(result.current.data).toEqual([first.id, ...during, after.id]);
    });

    it('close() stops it: no connection, no more messages', async () => {
      const server = await mockServer();
      const { result } = await open(server);
      act(() => result.current.close());
      await waitFor(() => expect(result.current.status).toBe('closed'));
      await waitFor(() => expect(live(server).connections).toBe(0));
      // A second, independent reader (its own hub, so its own connection) that receives the
      // message proves it went out on the wire; only then is the closed hook's silence evidence.
      const reader = await open(server);
      const { id } = server.publish({ type: 'notification', data: 'late' });
      await waitFor(() => expect(reader.result.current.data).toEqual([id]));
      expect(result.current.data).toBeUndefined();
      expect(result.current.received).toBe(0);
      expect(result.current.status).toBe('closed');
    });

    it('reconnects exactly once when the URL changes', async () => {
      const server = await mockServer();
      const { result, rerender, initialProps, opens } = await open(server);
      expect(opened(server, opens)).toBe(1);
      rerender({ ...initialProps, variant: 'b' });
      await waitFor(() => expect(opened(server, opens)).toBe(2));
      await waitFor(() => expect(result.current.status).toBe('open'));
      await waitFor(() => expect(live(server).connections).toBe(1));
      rerender({ ...initialProps, variant: 'b' });
      const { id } = server.publish({ type: 'notification', data: 'x' });
      await waitFor(() => expect(result.current.data).toContain(id));
      expect(opened(server, opens)).toBe(2);
    });

    it('calls the latest callback without reconnecting when it changes', async () => {
      const server = await mockServer();
      const before = vi.fn();
      const after = vi.fn();
      const { result, rerender, initialProps, opens } = await open(server, { onMessage: before });
      rerender({
        ...initialProps,
        onMessage: after,
        reduce: (list = [], m) => [...list, hook.idOf(m)],
      });
      const { id } = server.publish({ type: 'notification', data: 'x' });
      await waitFor(() => expect(result.current.data).toEqual([id]));
      expect(after).toHaveBeenCalledTimes(1);
      expect(before).not.toHaveBeenCalled();
      expect(opened(server, opens)).toBe(1);
      // A long poll's count drops to 0 between an answer and the next request: wait for it.
      await waitFor(() => expect(live(server).connections).toBe(1));
    });
  });
}
