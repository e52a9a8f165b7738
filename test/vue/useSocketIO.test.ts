// @vitest-environment jsdom
import type { SocketIOMessage } from '@tidings/core/socket-io';
import { useSocketIO } from '@tidings/vue/socket-io';
import { describe, expect, it, vi } from 'vitest';
import { describeComposable, type Envelope } from './composableSuite';
import { fastReconnect, mount, setup } from './harness';

describeComposable<SocketIOMessage<Envelope>>('useSocketIO', {
  transport: 'socketio',
  use: (server, { variant, callbacks, notify }) =>
    useSocketIO(
      () => `${server.url}?v=${variant.value}`,
      () => ({
        events: ['notification'],
        transports: ['websocket'],
        reconnect: fastReconnect,
        notify,
        ...callbacks.value,
      }),
    ),
  envelopeOf: (m) => m.args[0] as Envelope,
});

describe('useSocketIO', () => {
  it('recovered turns true when a reconnect restores the session, and onRecover is called', async () => {
    const { server, hub } = await setup();
    const onRecover = vi.fn();
    const { result } = mount(hub, () =>
      useSocketIO<Envelope>(server.url, {
        events: ['notification'],
        transports: ['websocket'],
        reconnect: fastReconnect,
        onRecover,
      }),
    );
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(result.recovered.value).toBe(false);
    // Socket.IO recovers from the offset of the last event received: one event first.
    server.publish({ type: 'notification', data: 1 });
    await vi.waitFor(() => expect(result.received.value).toBe(1));
    server.drop();
    await vi.waitFor(() => expect(result.recovered.value).toBe(true));
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    expect(onRecover).toHaveBeenCalledTimes(1);
    expect(result.received.value).toBe(1);
  });

  it('emit returns the send receipt: queued before the socket connects, written on connect', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () =>
      useSocketIO<unknown>(server.url, {
        events: ['chat'],
        transports: ['websocket'],
        reconnect: fastReconnect,
      }),
    );
    const receipt = result.emit('chat', { text: 'early' });
    expect(receipt.status).toBe('queued');
    await receipt;
    await vi.waitFor(() => expect(result.received.value).toBe(1));
    expect(result.data.value?.args[0]).toMatchObject({ type: 'chat', data: { text: 'early' } });
  });
});
