// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import type { TransportSwitch } from '@tidings/core';
import { useRealtime } from '@tidings/react';
import { describe, expect, it } from 'vitest';
import { fastReconnect, idOf, type MockServer, mockServer, withHub, wsUrl } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

/** Every endpoint of the mock server; `variant` makes a new set of URLs. */
const endpoints = (server: MockServer, variant = 'a') => ({
  webSocket: wsUrl(server, `/ws?v=${variant}`),
  sse: `${server.url}/api/sse?v=${variant}`,
  longPoll: `${server.url}/api/long-poll?v=${variant}`,
});

// On a friendly network the WebSocket carries it: the hook behaves as every other hook does.
describeHook<Envelope>('useRealtime', {
  transport: 'ws',
  resumes: true,
  use: (server, { variant, reduce, onMessage, notify }) =>
    useRealtime<Envelope, string[]>(endpoints(server, variant), {
      reconnect: fastReconnect,
      events: ['notification'],
      reduce,
      onMessage,
      notify,
    }),
  idOf,
});

describe('useRealtime', () => {
  it('shows the transport in use and why it changed, and delivers across the switch', async () => {
    const server = await mockServer({ network: { refuseUpgrades: true } });
    const { wrapper } = withHub();
    const switches: TransportSwitch[] = [];
    const { result } = renderHook(
      () =>
        useRealtime<Envelope, string[]>(endpoints(server), {
          reconnect: fastReconnect,
          events: ['notification'],
          sseTransport: 'fetch',
          reduce: (list = [], m) => [...list, m.id],
          onSwitch: (change) => switches.push(change),
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current).toMatchObject({ transport: 'sse', status: 'open' }));
    await waitFor(() => expect(result.current.cursor).toBeDefined());
    expect(result.current.switched).toMatchObject({
      from: 'webSocket',
      to: 'sse',
      reason: 'refused',
    });
    expect(switches.map((change) => change.reason)).toEqual(['refused']);
    const { id } = server.publish({ type: 'notification', data: 'over SSE' });
    await waitFor(() => expect(result.current.data).toEqual([id]));
  });

  it('send() goes over the open WebSocket with a stable verb, and is refused when disabled', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result, rerender } = renderHook(
      ({ enabled }: { enabled: boolean }) =>
        useRealtime<Envelope, Envelope[]>(endpoints(server), {
          enabled,
          reconnect: fastReconnect,
          reduce: (list = [], m) => [...list, m],
        }),
      { wrapper, initialProps: { enabled: true } },
    );
    const { send } = result.current;
    await waitFor(() => expect(result.current.status).toBe('open'));
    let receipt: ReturnType<typeof send> | undefined;
    act(() => {
      receipt = send({ type: 'chat', data: { text: 'hello' } });
    });
    expect(receipt?.status).toBe('sent');
    await waitFor(() =>
      expect(result.current.data?.map((m) => m.type === 'chat' && m.data)).toEqual([
        { text: 'hello' },
      ]),
    );
    rerender({ enabled: false });
    expect(result.current.send).toBe(send);
    const refused = result.current.send({ type: 'chat', data: { text: 'nobody' } });
    expect(refused.status).toBe('refused');
    await expect(refused).rejects.toMatchObject({ kind: 'unsent' });
  });
});
