// @vitest-environment jsdom
import type { ConsumerOptions } from '@tidings/core';
import { type ChannelBinding, useChannel } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import { type BusChannel, createBus } from '../shared/busTransport';
import { FakeBus } from '../shared/fakeBus';

interface Note {
  text: string;
}

/** A composable over the custom transport, built the way the README shows. */
function useBus(bus: FakeBus) {
  const consumer = (): ConsumerOptions<Note, string[]> => ({
    reduce: (texts = [], note) => [...texts, note.text],
  });
  const binding: ChannelBinding<Note, string[], BusChannel<Note, string[]>> = {
    // Everything that changes the wire; a new identity makes a new channel.
    identity: () => ['bus', 'room'],
    create: (hub) => createBus('room', { open: bus.open, hub, ...consumer() }),
    // Read reactively and pushed with setOptions: a new callback never reconnects.
    consumer,
  };
  const { channel, ...state } = useChannel(binding);
  return { ...state, send: (body: unknown) => channel.value.send(body) };
}

const Room = defineComponent(
  function Room(props: { bus: FakeBus }) {
    const room = useBus(props.bus);
    return () =>
      h('div', [
        h('p', { 'data-testid': 'status' }, room.status.value),
        h(
          'ul',
          (room.data.value ?? []).map((text) => h('li', { key: text }, text)),
        ),
        h('button', { type: 'button', onClick: () => room.send('hi') }, 'send'),
      ]);
  },
  { props: ['bus'] },
);

describe('a custom transport in Vue', () => {
  it('binds with useChannel, renders its messages and sends through the attempt', async () => {
    const bus = new FakeBus();
    const root = document.createElement('div');
    const app = createApp(Room, { bus });
    app.mount(root);
    expect(root.querySelector('[data-testid="status"]')?.textContent).toBe('open');
    bus.publish({ text: 'first' });
    bus.publish({ text: 'second' });
    await vi.waitFor(() =>
      expect([...root.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
        'first',
        'second',
      ]),
    );
    root.querySelector('button')?.click();
    expect(bus.received).toEqual(['hi']);
    app.unmount();
    await nextTick();
    await vi.waitFor(() => expect(bus.openPorts).toBe(0));
  });
});
