import { createHub, createSSE, type SSEStreamChannel } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeSubscription } from './sseScenarios';

describeSubscription('over fetch', { transport: 'fetch' });

type Message = { token: string } | { tokens: number };

describe('createSSE manual POST /api/chat against the mock server', () => {
  let server: MockServer;
  let answer: SSEStreamChannel<Message, string> | undefined;

  beforeEach(async () => {
    server = await startMockServer({ port: 0, tokenDelayMs: 5 });
  });
  afterEach(async () => {
    answer?.close();
    await server.close();
  });

  function chat() {
    const done: number[] = [];
    answer = createSSE<Message, string>(`${server.url}/api/chat`, {
      method: 'POST',
      manual: true,
      events: ['token', 'done'],
      initial: '',
      reduce: (text = '', m) => ('token' in m ? text + m.token : text),
      onMessage: (m) => {
        if ('tokens' in m) done.push(m.tokens);
      },
      reconnect: { minDelay: 10, maxDelay: 50 },
      hub: createHub(),
      notify: 'sync',
    });
    return { answer, done };
  }

  it('accumulates tokens through reduce; the done event and end close without error', async () => {
    const { answer, done } = chat();
    expect(server.stats().transports.chat.requests).toBe(0);
    answer.start({ prompt: 'hi' });
    await vi.waitFor(() => expect(answer.getState().status).toBe('closed'), { timeout: 10_000 });
    expect(answer.getState().error).toBeNull();
    expect(done).toHaveLength(1);
    expect(answer.getState().received).toBe((done[0] ?? 0) + 1);
    expect(answer.getState().data).toMatch(/^Good question about "hi"\. .+\.$/);
    expect(server.stats().transports.chat.requests).toBe(1);
  });

  it('stop() mid-stream ends without an error and the server sees the client go away', async () => {
    const { answer } = chat();
    answer.start({ prompt: 'long' });
    await vi.waitFor(() => expect(answer.getState().received).toBeGreaterThanOrEqual(2));
    await vi.waitFor(() => expect(server.stats().transports.chat.connections).toBe(1));
    answer.stop();
    expect(answer.getState()).toMatchObject({ status: 'closed', error: null });
    const partial = answer.getState().data;
    await vi.waitFor(() => expect(server.stats().transports.chat.connections).toBe(0));
    expect(answer.getState().data).toBe(partial);
  });

  it('is not retried after server.drop(): closed with a network error, one request', async () => {
    const { answer } = chat();
    answer.start({ prompt: 'drop me' });
    await vi.waitFor(() => expect(answer.getState().received).toBeGreaterThanOrEqual(1));
    server.drop();
    await vi.waitFor(() => expect(answer.getState().status).toBe('closed'));
    expect(answer.getState().error).toMatchObject({ kind: 'network' });
    expect(server.stats().transports.chat.requests).toBe(1);
  });
});
