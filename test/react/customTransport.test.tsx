// @vitest-environment jsdom

import { act, render, screen } from '@testing-library/react';
import { type UseChannelReturn, useChannel, useChannelReturn } from '@tidings/react';
import { describe, expect, it } from 'vitest';
import { type BusChannel, type BusOptions, createBus } from '../shared/busTransport';
import { FakeBus } from '../shared/fakeBus';
import { withHub } from './helpers';

interface Note {
  text: string;
}

/** A hook over the custom transport, built the way the README shows. */
function useBus<TMessage, TData = TMessage>(
  name: string,
  options?: BusOptions<TMessage, TData>,
): UseChannelReturn<TData> & { send(body: unknown): boolean } {
  const binding = useChannel<
    TData,
    string,
    BusOptions<TMessage, TData>,
    BusChannel<TMessage, TData>
  >('bus', createBus, name, options);
  return useChannelReturn(binding, (current) => ({
    send: (body: unknown) => current().send(body),
  }));
}

function Room({ bus }: { bus: FakeBus }) {
  const { data, status, send } = useBus<Note, string[]>('room', {
    open: bus.open,
    reduce: (texts = [], note) => [...texts, note.text],
  });
  return (
    <div>
      <p data-testid="status">{status}</p>
      <ul>
        {(data ?? []).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <button type="button" onClick={() => send('hi')}>
        send
      </button>
    </div>
  );
}

describe('a custom transport in React', () => {
  it('binds with useChannel, renders its messages and sends through the attempt', async () => {
    const bus = new FakeBus();
    const { wrapper } = withHub();
    const { unmount } = render(<Room bus={bus} />, { wrapper });
    expect(screen.getByTestId('status').textContent).toBe('open');
    act(() => {
      bus.publish({ text: 'first' });
      bus.publish({ text: 'second' });
    });
    expect(await screen.findByText('second')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'first',
      'second',
    ]);
    act(() => screen.getByRole('button').click());
    expect(bus.received).toEqual(['hi']);
    unmount();
    // The hub lets go of the port once the last component left.
    await expect.poll(() => bus.openPorts).toBe(0);
  });
});
