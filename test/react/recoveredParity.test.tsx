// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import type { Status } from '@tidings/core';
import type { SocketIOOptions } from '@tidings/core/socket-io';
import { useSocketIO as useReactSocketIO } from '@tidings/react/socket-io';
import { useSocketIO as useVueSocketIO } from '@tidings/vue/socket-io';
import { describe, expect, it, vi } from 'vitest';
import { type FakeSocket, fakeIO } from '../shared/fakeSocketIO';
import { mount } from '../vue/harness';
import { withHub } from './helpers';

type Seen = [Status, boolean];

/** One hook as the scenario sees it: its current status and `recovered`, and its verbs. */
interface Binding {
  read(): Seen;
  reconnect(): void;
  close(): void;
  /** Runs a step that changes the channel (inside `act` for React). */
  step(fn: () => void): Promise<void>;
}

const options = (io: ReturnType<typeof fakeIO>, onRecover: () => void) =>
  ({ io: io.module, notify: 'sync', onRecover }) satisfies SocketIOOptions<unknown>;

/**
 * Connects, reconnects restoring the session, reconnects without restoring it, then closes:
 * what each hook shows after every step.
 */
async function scenario(io: ReturnType<typeof fakeIO>, binding: Binding): Promise<Seen[]> {
  const seen: Seen[] = [binding.read()];
  // socket.io-client loads lazily: the socket exists, with its listeners, a few ticks later.
  await binding.step(() => {});
  await vi.waitFor(() => expect(io.sockets).toHaveLength(1));
  const socket = io.sockets[0] as FakeSocket;
  const connect = async (recovered: boolean) => {
    // Each attempt attaches its listeners once the (cached) socket promise settles.
    await binding.step(() => {});
    socket.recovered = recovered;
    await binding.step(() => socket.emit('connect'));
    seen.push(binding.read());
  };
  await connect(false);
  for (const recovered of [true, false]) {
    await binding.step(() => socket.emit('disconnect', 'transport close'));
    seen.push(binding.read());
    await binding.step(() => binding.reconnect());
    await connect(recovered);
  }
  await binding.step(() => binding.close());
  seen.push(binding.read());
  return seen;
}

const expected: Seen[] = [
  ['connecting', false],
  ['open', false],
  ['reconnecting', false],
  ['open', true],
  ['reconnecting', true],
  ['open', false],
  ['closed', false],
];

describe('recovered means the same in @tidings/react and @tidings/vue', () => {
  it('React: true only after a (re)connect that restored the session', async () => {
    const io = fakeIO();
    const onRecover = vi.fn();
    const { wrapper } = withHub();
    const { result } = renderHook(() => useReactSocketIO('http://x.test', options(io, onRecover)), {
      wrapper,
    });
    const seen = await scenario(io, {
      read: () => [result.current.status, result.current.recovered],
      reconnect: () => result.current.reconnect(),
      close: () => result.current.close(),
      step: (fn) => act(async () => fn()),
    });
    expect(seen).toEqual(expected);
    expect(onRecover).toHaveBeenCalledTimes(1);
  });

  it('Vue: true only after a (re)connect that restored the session', async () => {
    const io = fakeIO();
    const onRecover = vi.fn();
    const { hub } = withHub();
    const { result } = mount(hub, () => useVueSocketIO('http://x.test', options(io, onRecover)));
    const seen = await scenario(io, {
      read: () => [result.status.value, result.recovered.value],
      reconnect: () => result.reconnect(),
      close: () => result.close(),
      step: async (fn) => {
        fn();
        await Promise.resolve();
      },
    });
    expect(seen).toEqual(expected);
    expect(onRecover).toHaveBeenCalledTimes(1);
  });
});
