import {
  type Channel,
  createHub,
  createLongPoll,
  type LongPollOptions,
  type TidingsError,
} from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Message = { id: string; type: string; data?: unknown };

describe('createLongPoll against the mock server', () => {
  let server: MockServer;
  const channels: Array<Channel<Message>> = [];

  beforeEach(async () => {
    server = await startMockServer({ port: 0 });
  });
  afterEach(async () => {
    for (const channel of channels.splice(0)) channel.close();
    await server.close();
  });

  const requests = () => server.stats().transports.longPoll.requests;

  function open(options: LongPollOptions<Message> = {}) {
    const errors: TidingsError[] = [];
    const channel = createLongPoll<Message>(`${server.url}/api/long-poll`, {
      hub: createHub(),
      notify: 'sync',
      reconnect: { minDelay: 10, maxDelay: 50 },
      onError: (error) => errors.push(error),
      // The mock server's messages carry the log id: the delivery id, for dedupe and resume.
      messageId: (m) => (m as Message).id,
      ...options,
    });
    channels.push(channel);
    const ids: string[] = [];
    channel.onMessage((m) => ids.push(m.id));
    channel.connect();
    return { channel, ids, errors };
  }

  it('holds the request until a message, delivers it, and asks again at once with its cursor', async () => {
    const { channel, ids } = open();
    // The first request (no cursor) is answered at once with the position; the second is held.
    await vi.waitFor(() => expect(requests()).toBe(2));
    // Held: the server flushed its headers, so the channel is open, but nothing is delivered yet
    // and no second request goes out.
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    expect(channel.getState()).toMatchObject({ received: 0 });
    const sent = server.publish({ type: 'notification', data: { title: 'Hi' } });
    await vi.waitFor(() => expect(ids).toEqual([sent.id]));
    expect(channel.getState()).toMatchObject({
      status: 'open',
      cursor: sent.id,
      data: { id: sent.id, type: 'notification', data: { title: 'Hi' } },
    });
    await vi.waitFor(() => expect(requests()).toBe(3));
  });

  it('answers an empty hold after `timeout` ms and keeps polling', async () => {
    const { channel } = open({ timeout: 100 });
    await vi.waitFor(() => expect(requests()).toBeGreaterThanOrEqual(3));
    expect(channel.getState()).toMatchObject({ status: 'open', received: 0, error: null });
  });

  it('resumes after server.drop() with no gap and no duplicate', async () => {
    const { channel, ids, errors } = open();
    await vi.waitFor(() => expect(requests()).toBe(2));
    const first = server.publish({ type: 'n', data: 1 });
    await vi.waitFor(() => expect(ids).toEqual([first.id]));
    await vi.waitFor(() => expect(requests()).toBe(3));
    server.drop();
    // Published while the client is cut off: must arrive after the resume, once each, in order.
    const during = [server.publish({ type: 'n', data: 2 }), server.publish({ type: 'n', data: 3 })];
    await vi.waitFor(() => expect(ids).toEqual([first.id, ...during.map((m) => m.id)]));
    const after = server.publish({ type: 'n', data: 4 });
    await vi.waitFor(() => expect(ids).toHaveLength(4));
    expect(ids).toEqual([first.id, ...during.map((m) => m.id), after.id]);
    expect(errors.some((error) => error.kind === 'network')).toBe(true);
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: after.id, received: 4 });
  });

  it('stops on 401: status closed, auth error, no further request', async () => {
    server.setFaults({ status: 401 });
    const { channel } = open();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(channel.getState().error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    // One more round trip through the server: had the client retried, it would show here.
    await fetch(`${server.url}/control/stats`);
    expect(requests()).toBe(1);
  });

  it('retries after 503 with Retry-After, resuming from the cursor', async () => {
    const { channel, errors, ids } = open();
    await vi.waitFor(() => expect(requests()).toBe(2));
    const first = server.publish({ type: 'n' });
    await vi.waitFor(() => expect(ids).toEqual([first.id]));
    await vi.waitFor(() => expect(requests()).toBe(3));
    server.setFaults({ status: 503, retryAfter: 1 });
    server.drop();
    await vi.waitFor(() => expect(errors.at(-1)).toMatchObject({ kind: 'http', status: 503 }));
    expect(errors.at(-1)?.retryAfterMs).toBe(1000);
    expect(channel.getState().status).toBe('reconnecting');
    // Published while the server refuses: delivered once the client is let back in.
    const during = server.publish({ type: 'n' });
    server.setFaults({});
    await vi.waitFor(() => expect(ids).toEqual([first.id, during.id]));
    expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0, error: null });
  });
});
