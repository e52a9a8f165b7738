// @vitest-environment jsdom
import { type UseChannelReturn, useChannel, useChannelReturn } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import { type BusChannel, type BusOptions, createBus } from '../shared/busTransport';
import { FakeBus } from '../shared/fakeBus';

interface Note {
  text: string;
}

/** A composable over the custom transport, built the way the README shows (as in React). */
function useBus<TMessage, TData = TMessage>(
  name: string,
  options?: BusOptions<TMessage, TData>,
): UseChannelReturn<TData> & { send(body: unknown): boolean } {
  const binding = useChannel<
    TData,
    string,
    BusOptions<TMessage, TData>,
    BusChannel<TMessage, TData>
  >('bus', createBus, () => name, options);
  return useChannelReturn(binding, (current) => ({
    send: (body: unknown) => current().send(body),
  }));
}

const Room = defineComponent(
  function Room(props: { bus: FakeBus }) {
    const room = useBus<Note, string[]>('room', {
      open: props.bus.open,
      // Read reactively and pushed with setOptions: a new callback never reconnects.
      reduce: (texts = [], note) => [...texts, note.text],
    });
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
