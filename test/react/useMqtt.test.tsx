// @vitest-environment jsdom

import { act, renderHook, waitFor } from '@testing-library/react';
import type { MqttMessage } from '@tidings/core/mqtt';
import { useMqtt } from '@tidings/react/mqtt';
import { describe, expect, it } from 'vitest';
import { fastReconnect, idOf, mockServer, withHub, wsUrl } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

describeHook<MqttMessage<Envelope>>('useMqtt', {
  transport: 'mqtt',
  // A kept session (clientId) with QoS 1: messages published during an outage arrive.
  resumes: true,
  use: (server, { variant, reduce, onMessage, notify }) =>
    useMqtt<Envelope, string[]>(wsUrl(server, `/mqtt?v=${variant}`), {
      topics: 'notifications/#',
      clientId: `react-test-${variant}`,
      reconnect: fastReconnect,
      reduce,
      onMessage,
      notify,
    }),
  idOf: (m) => idOf(m.payload),
});

describe('useMqtt', () => {
  it('publishes with a stable publish()', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    const { result, rerender } = renderHook(
      () =>
        useMqtt<{ text: string }>(wsUrl(server, '/mqtt'), {
          topics: 'room/1',
          parse: 'json',
        }),
      { wrapper },
    );
    const { publish } = result.current;
    await waitFor(() => expect(result.current.status).toBe('open'));
    rerender();
    expect(result.current.publish).toBe(publish);
    await act(() => publish('room/1', { text: 'hi' }));
    await waitFor(() => expect(result.current.data?.payload).toEqual({ text: 'hi' }));
  });
});
