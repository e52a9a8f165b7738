import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv, type TidingsEnv } from '../../packages/core/src/env';
import type { TidingsError } from '../../packages/core/src/errors';
import { startWatchdog } from '../../packages/core/src/transports/common/watchdog';

describe('startWatchdog', () => {
  let env: TidingsEnv;
  beforeEach(() => {
    vi.useFakeTimers();
    env = resolveEnv();
  });
  afterEach(() => vi.useRealTimers());

  function watch(timeout: number) {
    const errors: TidingsError[] = [];
    const watchdog = startWatchdog(env, timeout, 'The stream /x', (error) => errors.push(error));
    return { watchdog, errors };
  }

  it('fails once with a timeout error naming the stream after `timeout` ms of silence', async () => {
    const { errors } = watch(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'timeout', retryable: true });
    expect(errors[0]?.message).toBe('The stream /x showed no sign of life for 1000 ms');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(errors).toHaveLength(1);
  });

  it('each sign of life restarts the countdown', async () => {
    const { watchdog, errors } = watch(1000);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(900);
      watchdog.alive();
    }
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toHaveLength(1);
  });

  it('stop() expects nothing until the next alive(), and leaves no timer behind', async () => {
    const { watchdog, errors } = watch(1000);
    watchdog.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toEqual([]);
    watchdog.alive();
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a single timer however many signs of life arrive', async () => {
    const { watchdog } = watch(1000);
    for (let i = 0; i < 1000; i++) watchdog.alive();
    expect(vi.getTimerCount()).toBe(1);
    watchdog.stop();
  });
});
