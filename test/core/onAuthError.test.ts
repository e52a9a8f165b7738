import { createHub, type TidingsError as TidingsErrorType } from '@tidings/core';
import { TidingsError } from '@tidings/core/transport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannel } from '../../packages/core/src/channel';
import type { ChannelOptions } from '../../packages/core/src/types';
import { type AttemptContext, type Driver, Wire } from '../../packages/core/src/wire';
import { fakePage } from './fakeEnv';

/** A driver steered by hand whose every attempt has a client of its own for `raw()`. */
function clientDriver() {
  const attempts: Array<{ context: AttemptContext; client: { n: number }; closed: boolean }> = [];
  const driver: Driver = {
    start(context) {
      const attempt = { context, client: { n: attempts.length + 1 }, closed: false };
      attempts.push(attempt);
      return {
        raw: () => (attempt.closed ? undefined : attempt.client),
        close() {
          attempt.closed = true;
        },
      };
    },
  };
  const current = () => {
    const last = attempts.at(-1);
    if (!last) throw new Error('no attempt started');
    return last.context;
  };
  return { driver, attempts, current };
}

function setup(options: ChannelOptions<unknown> = {}) {
  const manual = clientDriver();
  const errors: TidingsErrorType[] = [];
  const channel = createChannel<unknown, unknown, Wire>(
    {
      key: 'test:auth',
      createWire: (env) => new Wire(manual.driver, env, { reconnect: { minDelay: 1000 } }),
    },
    {
      hub: createHub(),
      env: { ...fakePage().env, random: () => 0.5 },
      notify: 'sync',
      onError: (error) => errors.push(error),
      ...options,
    },
  );
  return { channel, manual, errors };
}

/** What a server's refusal looks like once classified (HTTP 401). */
const refused = () =>
  new TidingsError('auth', 'HTTP 401 from /x', { status: 401, retryable: false });

describe('onAuthError', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answering true starts a new attempt at once, without waiting for the backoff', async () => {
    const onAuthError = vi.fn(() => true);
    const { channel, manual } = setup({ onAuthError });
    channel.connect();
    const error = refused();
    manual.current().fail(error);
    expect(onAuthError).toHaveBeenCalledWith(error, { attempt: 1 });
    // No time passes: the backoff (500 ms here) is skipped.
    await vi.advanceTimersByTimeAsync(0);
    expect(manual.attempts).toHaveLength(2);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1, error });
    manual.current().opened();
    expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0, error: null });
  });

  it('a promise: the retry waits for it, then starts at once', async () => {
    let answer!: (retry: boolean) => void;
    const onAuthError = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const { channel, manual } = setup({ onAuthError });
    channel.connect();
    manual.current().fail(refused());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.attempts).toHaveLength(1);
    expect(channel.getState().status).toBe('reconnecting');
    answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(manual.attempts).toHaveLength(2);
  });

  it('each refusal asks again with the attempt count, so the app can bound its retries', async () => {
    const onAuthError = vi.fn(
      (_error: TidingsErrorType, { attempt }: { attempt: number }) => attempt < 2,
    );
    const { channel, manual } = setup({ onAuthError });
    channel.connect();
    manual.current().fail(refused());
    await vi.advanceTimersByTimeAsync(0);
    manual.current().fail(refused());
    await vi.advanceTimersByTimeAsync(0);
    expect(onAuthError.mock.calls.map(([, context]) => context.attempt)).toEqual([1, 2]);
    expect(manual.attempts).toHaveLength(2);
    expect(channel.getState()).toMatchObject({ status: 'closed', attempt: 2 });
  });

  it.each([
    ['false', () => false],
    ['undefined', () => undefined as unknown as boolean],
    ['a promise of false', async () => false],
  ])('answering %s keeps the refusal final, as without onAuthError', async (_name, answer) => {
    const { channel, manual, errors } = setup({ onAuthError: answer });
    channel.connect();
    const error = refused();
    manual.current().fail(error);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.attempts).toHaveLength(1);
    expect(channel.getState()).toMatchObject({ status: 'closed', error });
    expect(errors).toEqual([error]);
  });

  it('a throw or a rejection is reported as the app bug it is, and the refusal stays final', async () => {
    const thrown = setup({
      onAuthError: () => {
        throw new Error('refresh crashed');
      },
    });
    thrown.channel.connect();
    thrown.manual.current().fail(refused());
    expect(thrown.channel.getState().status).toBe('closed');
    expect(thrown.errors.map((e) => e.message)).toContain('onAuthError threw: refresh crashed');

    const rejected = setup({ onAuthError: () => Promise.reject(new Error('token endpoint 500')) });
    rejected.channel.connect();
    rejected.manual.current().fail(refused());
    await vi.advanceTimersByTimeAsync(0);
    expect(rejected.manual.attempts).toHaveLength(1);
    expect(rejected.channel.getState().status).toBe('closed');
    expect(rejected.errors.map((e) => e.message)).toContain(
      'onAuthError rejected: token endpoint 500',
    );
  });

  it('a transport that refuses synchronously on every attempt does not recurse: one retry per answer', async () => {
    const onAuthError = vi.fn((_error: TidingsErrorType, _context: { attempt: number }) => true);
    const { channel, manual } = setup({ onAuthError });
    channel.connect();
    manual.current().fail(refused());
    // Each retry is refused at once, as a custom transport might; the stack unwinds between them.
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(0);
      manual.current().fail(refused());
    }
    expect(manual.attempts).toHaveLength(4);
    expect(onAuthError.mock.calls.map(([, context]) => context.attempt)).toEqual([1, 2, 3, 4]);
    channel.close();
  });

  it('close() while a refresh is pending: its answer starts nothing', async () => {
    let answer!: (retry: boolean) => void;
    const { channel, manual } = setup({
      onAuthError: () => new Promise<boolean>((resolve) => (answer = resolve)),
    });
    channel.connect();
    manual.current().fail(refused());
    channel.close();
    answer(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.attempts).toHaveLength(1);
    expect(channel.getState().status).toBe('closed');
  });

  it('is not asked about other errors, nor about a credentials getter that failed (retried with backoff)', async () => {
    const onAuthError = vi.fn(() => true);
    const { channel, manual } = setup({ onAuthError });
    channel.connect();
    manual
      .current()
      .fail(new TidingsError('auth', 'The headers getter failed: offline', { retryable: true }));
    manual.current().opened();
    expect(manual.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(manual.attempts).toHaveLength(2);
    manual
      .current()
      .fail(new TidingsError('http', 'HTTP 404 from /x', { status: 404, retryable: false }));
    expect(onAuthError).not.toHaveBeenCalled();
    expect(channel.getState().status).toBe('closed');
  });

  it('setOptions replaces it like any consumer callback (the latest one answers)', async () => {
    const first = vi.fn(() => false);
    const latest = vi.fn(() => true);
    const { channel, manual } = setup({ onAuthError: first });
    channel.connect();
    channel.setOptions({ onAuthError: latest });
    manual.current().fail(refused());
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(manual.attempts).toHaveLength(2);
  });
});

describe('channel.raw()', () => {
  it("is the live attempt's client, and undefined before connecting, between attempts and once closed", () => {
    vi.useFakeTimers();
    try {
      const { channel, manual } = setup();
      expect(channel.raw()).toBeUndefined();
      channel.connect();
      expect(channel.raw()).toEqual({ n: 1 });
      manual.current().fail(new TidingsError('network', 'lost'));
      expect(channel.raw()).toBeUndefined();
      channel.reconnect();
      expect(channel.raw()).toEqual({ n: 2 });
      channel.close();
      expect(channel.raw()).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
