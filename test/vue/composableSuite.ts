import { createHub } from '@tidings/core';
import type { UseChannelReturn } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue';
import { type MockServer, mount, setup, stats, type Transport } from './harness';

/** The mock server's message `{ id, type, data, ts }`, wherever a transport puts it. */
export interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

/** The consumer options a test swaps at run time: a change must never reconnect. */
export interface Callbacks<TMessage, TData> {
  reduce: (data: TData | undefined, message: TMessage) => TData;
  onMessage?: (message: TMessage) => void;
  onOpen?: () => void;
}

export interface CaseInputs<TMessage, TData> {
  /** Part of the URL (through a `computed`): a new variant is a new URL. */
  variant: Ref<string>;
  /** Read reactively inside the options getter. */
  callbacks: ShallowRef<Callbacks<TMessage, TData>>;
  /** 'sync' where a test must see every status, even short-lived ones. */
  notify?: 'sync';
}

/** One transport's composable, as the shared conformance tests drive it. */
export interface ComposableCase<TMessage> {
  transport: Transport;
  /** The server counts every request as opened (long polling): count opens with `onOpen`. */
  opensPerRequest?: boolean;
  use<TData>(server: MockServer, inputs: CaseInputs<TMessage, TData>): UseChannelReturn<TData>;
  /** The mock server's envelope inside a delivered message. */
  envelopeOf(message: TMessage): Envelope;
}

/**
 * The behaviour every composable must show against the real mock server (the Vue twin of
 * test/react/hookSuite.tsx): data, the status walk, a drop healed with nothing lost or repeated,
 * close, a URL ref change reconnecting once, a callback change not, a burst of 1,000 messages in
 * one tick reduced 1,000 times with few ref triggers, identical payloads counted twice.
 */
export function describeComposable<TMessage>(name: string, c: ComposableCase<TMessage>): void {
  const idOf = (message: TMessage) => c.envelopeOf(message).id;
  const collect = (list: string[] = [], message: TMessage) => [...list, idOf(message)];

  async function start<TData = string[]>(
    options: { callbacks?: Partial<Callbacks<TMessage, TData>>; notify?: 'sync' } = {},
  ) {
    const { server, hub } = await setup();
    const opens = vi.fn();
    const callbacks = shallowRef({
      reduce: collect as unknown as Callbacks<TMessage, TData>['reduce'],
      onOpen: opens,
      ...options.callbacks,
    });
    const variant = ref('a');
    const statuses: string[] = [];
    const { result } = mount(hub, () => {
      const bound = c.use<TData>(server, { variant, callbacks, notify: options.notify });
      watch(bound.status, (s) => statuses.push(s), { immediate: true, flush: 'sync' });
      return bound;
    });
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    return { server, hub, result, statuses, callbacks, variant, opens };
  }

  const live = (server: MockServer) => stats(server, c.transport);
  /** Connections opened so far: by the server's count, or by `onOpen` where each request counts. */
  const opened = (server: MockServer, opens: { mock: { calls: unknown[] } }) =>
    c.opensPerRequest ? opens.mock.calls.length : live(server).opened;
  const publish = (server: MockServer, data: unknown) =>
    server.publish({ type: 'notification', data }).id;

  describe(`${name} (conformance)`, () => {
    it('delivers data from the server and walks connecting → open', async () => {
      const { server, result, statuses } = await start();
      expect(statuses.slice(0, 2)).toEqual(['connecting', 'open']);
      const id = publish(server, { title: 'hi' });
      await vi.waitFor(() => expect(result.data.value).toEqual([id]));
      expect(result.received.value).toBe(1);
      expect(result.error.value).toBeNull();
    });

    it('drop → reconnecting → open, with messages of the outage arriving once and in order', async () => {
      const { server, result, statuses } = await start({ notify: 'sync' });
      const first = publish(server, 1);
      await vi.waitFor(() => expect(result.data.value).toEqual([first]));
      statuses.length = 0;
      server.drop();
      const during = [publish(server, 2), publish(server, 3)];
      await vi.waitFor(() => expect(statuses).toContain('reconnecting'));
      await vi.waitFor(() => expect(result.status.value).toBe('open'));
      expect(statuses.lastIndexOf('reconnecting')).toBeLessThan(statuses.lastIndexOf('open'));
      await vi.waitFor(() => expect(result.data.value).toEqual([first, ...during]));
      const after = publish(server, 4);
      await vi.waitFor(() => expect(result.data.value).toContain(after));
      expect(result.data.value).toEqual([first, ...during, after]);
      expect(result.received.value).toBe(4);
    });

    it('close() stops it: no connection, no retry, no more messages', async () => {
      const { server, hub, result, opens } = await start();
      const before = opened(server, opens);
      result.close();
      await vi.waitFor(() => expect(result.status.value).toBe('closed'));
      await vi.waitFor(() => expect(live(server).connections).toBe(0));
      expect(opened(server, opens)).toBe(before);
      expect(hub.keys()).toEqual([]);
      // A second, independent reader (its own hub, so its own connection) that receives the
      // message proves it went out on the wire; only then is the closed one's silence evidence.
      const reader = mount(createHub(), () =>
        c.use<string[]>(server, {
          variant: ref('reader'),
          callbacks: shallowRef({
            reduce: collect as unknown as Callbacks<TMessage, string[]>['reduce'],
          }),
        }),
      );
      await vi.waitFor(() => expect(reader.result.status.value).toBe('open'));
      const id = publish(server, 'late');
      await vi.waitFor(() => expect(reader.result.data.value).toContain(id));
      expect(result.data.value).toBeUndefined();
      expect(result.received.value).toBe(0);
      expect(result.status.value).toBe('closed');
    });

    it('a URL ref change reconnects exactly once', async () => {
      const { server, result, variant, opens } = await start();
      expect(opened(server, opens)).toBe(1);
      variant.value = 'b';
      await vi.waitFor(() => expect(opened(server, opens)).toBe(2));
      await vi.waitFor(() => expect(result.status.value).toBe('open'));
      await vi.waitFor(() => expect(live(server).connections).toBe(1));
      // Setting the same value again is no change.
      variant.value = 'b';
      const id = publish(server, 'x');
      await vi.waitFor(() => expect(result.data.value).toContain(id));
      expect(opened(server, opens)).toBe(2);
      // A long poll's count drops to 0 between an answer and the next request: wait for it.
      await vi.waitFor(() => expect(live(server).connections).toBe(1));
    });

    it('a callback change calls the new callback and does not reconnect', async () => {
      const before = vi.fn();
      const after = vi.fn();
      const { server, result, callbacks, opens } = await start({
        callbacks: { onMessage: before },
      });
      callbacks.value = {
        ...callbacks.value,
        onMessage: after,
        reduce: (list = [], m) => [...list, `new:${idOf(m)}`],
      };
      const id = publish(server, 'x');
      await vi.waitFor(() => expect(result.data.value).toEqual([`new:${id}`]));
      expect(after).toHaveBeenCalledTimes(1);
      expect(before).not.toHaveBeenCalled();
      expect(opened(server, opens)).toBe(1);
      // A long poll's count drops to 0 between an answer and the next request: wait for it.
      await vi.waitFor(() => expect(live(server).connections).toBe(1));
    });

    it('1,000 messages published in one tick reach reduce 1,000 times, with few ref triggers', async () => {
      const reduce = vi.fn((list: string[] = [], m: TMessage) => [...list, idOf(m)]);
      const { server, result } = await start({ callbacks: { reduce } });
      let triggers = 0;
      watch(result.data, () => triggers++, { flush: 'sync' });
      // The animation frames that pass while the burst arrives: how many depends on the machine's
      // load (a fixed cap of 50 fails once delivery spreads over more than 50 frames).
      let frames = 0;
      let counting = true;
      const tick = () => {
        frames++;
        if (counting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const sent: string[] = [];
      for (let n = 0; n < 1000; n++) sent.push(publish(server, n));
      await vi.waitFor(() => expect(result.received.value).toBe(1000), { timeout: 10_000 });
      counting = false;
      expect(reduce).toHaveBeenCalledTimes(1000);
      expect(result.data.value).toEqual(sent);
      // One state notification per animation frame at most, however the wire chunks the burst and
      // however slowly it arrives (+1: the frame in which counting started may already be under way).
      expect(triggers).toBeGreaterThan(0);
      expect(triggers).toBeLessThanOrEqual(frames + 1);
      expect(triggers).toBeLessThan(1000);
    });

    it('counts identical payloads sent twice in received', async () => {
      // The reduced value is the payload itself, so the second message leaves `data` unchanged.
      const reduce = (_: string | undefined, m: TMessage) => JSON.stringify(c.envelopeOf(m).data);
      const { server, result } = await start<string>({ callbacks: { reduce } });
      publish(server, { same: true });
      await vi.waitFor(() => expect(result.received.value).toBe(1));
      publish(server, { same: true });
      await vi.waitFor(() => expect(result.received.value).toBe(2));
      expect(result.data.value).toBe('{"same":true}');
    });
  });
}
