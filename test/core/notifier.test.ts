import { createHub, createWebSocket, type NotifyMode, type TidingsEnv } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { fakePage } from './fakeEnv';
import { fakeWebSocket } from './fakeWebSocket';

const BURST = 10_000;

/**
 * A hand-run event loop: macrotasks (socket messages, `env.setTimeout`) run first in, first out, and
 * the real microtask queue is drained after each one, as a browser does between tasks.
 */
function taskLoop() {
  const tasks: (() => void)[] = [];
  return {
    setTimeout: (fn: () => void) => tasks.push(fn),
    queue: (fn: () => void) => void tasks.push(fn),
    async run(): Promise<void> {
      for (let index = 0; index < tasks.length; index++) {
        tasks[index]?.();
        // Microtasks queued during the task run before this continuation.
        await Promise.resolve();
      }
      tasks.length = 0;
    },
  };
}

/** Hand-run animation frames: callbacks wait until `tick()`, as they would in a real page. */
function frameLoop() {
  let callbacks: (() => void)[] = [];
  return {
    requestAnimationFrame: (fn: () => void) => callbacks.push(fn),
    tick(): void {
      const due = callbacks;
      callbacks = [];
      for (const fn of due) fn();
    },
    pending: () => callbacks.length,
  };
}

function setup(options: { hidden: boolean; notify?: NotifyMode; env?: Partial<TidingsEnv> }) {
  const page = fakePage({ hidden: options.hidden });
  const loop = taskLoop();
  const fake = fakeWebSocket();
  let reduced = 0;
  let onMessage = 0;
  const channel = createWebSocket<{ n: number }, number>('ws://x.test/ws', {
    hub: createHub(),
    notify: options.notify,
    reduce: (sum = 0) => {
      reduced++;
      return sum + 1;
    },
    onMessage: () => onMessage++,
    env: { ...page.env, WebSocket: fake.WebSocket, setTimeout: loop.setTimeout, ...options.env },
  });
  let notifications = 0;
  channel.subscribe(() => notifications++);
  fake.last.open();
  return {
    page,
    loop,
    fake,
    channel,
    notifications: () => notifications,
    reduced: () => reduced,
    onMessage: () => onMessage,
  };
}

describe('notify: frame in a hidden tab', () => {
  it('coalesces a burst of one message per task into a handful of notifications', async () => {
    const t = setup({ hidden: true });
    await t.loop.run(); // the open's own notification
    const before = t.notifications();
    // A socket hands over each message as its own task.
    for (let n = 0; n < BURST; n++) t.loop.queue(() => t.fake.last.receive(`{"n":${n}}`));
    await t.loop.run();
    const notified = t.notifications() - before;
    console.info(`hidden tab, ${BURST} messages one per task: ${notified} notification(s)`);
    expect(notified).toBeGreaterThan(0);
    expect(notified).toBeLessThanOrEqual(3);
    expect(t.channel.getState()).toMatchObject({ received: BURST, data: BURST });
    expect(t.reduced()).toBe(BURST);
    expect(t.onMessage()).toBe(BURST);
  });

  it('coalesces a burst delivered in one task as well', async () => {
    const t = setup({ hidden: true });
    await t.loop.run();
    const before = t.notifications();
    t.loop.queue(() => {
      for (let n = 0; n < BURST; n++) t.fake.last.receive(`{"n":${n}}`);
    });
    await t.loop.run();
    expect(t.notifications() - before).toBe(1);
    expect(t.channel.getState()).toMatchObject({ received: BURST, data: BURST });
  });

  it('still notifies when the tab is hidden while a frame is pending', async () => {
    const frames = frameLoop();
    const t = setup({
      hidden: false,
      env: { requestAnimationFrame: frames.requestAnimationFrame },
    });
    frames.tick();
    const before = t.notifications();
    t.fake.last.receive('{"n":1}');
    expect(frames.pending()).toBe(1);
    // Hidden now: that frame will not come until the tab is shown again.
    t.page.setHidden(true);
    t.fake.last.receive('{"n":2}');
    await t.loop.run();
    expect(t.notifications() - before).toBe(1);
    expect(t.channel.getState()).toMatchObject({ received: 2, data: 2 });
    // Shown again: the late frame finds nothing owed and does not notify twice.
    t.page.setHidden(false);
    frames.tick();
    expect(t.notifications() - before).toBe(1);
  });
});

describe('notify: frame in a visible tab', () => {
  it('keeps batching per animation frame, with no timer', async () => {
    const frames = frameLoop();
    let timers = 0;
    const t = setup({
      hidden: false,
      env: {
        requestAnimationFrame: frames.requestAnimationFrame,
        setTimeout: () => ++timers,
      },
    });
    frames.tick();
    const before = t.notifications();
    for (let n = 0; n < BURST; n++) t.fake.last.receive(`{"n":${n}}`);
    await Promise.resolve();
    expect(t.notifications() - before).toBe(0);
    frames.tick();
    expect(t.notifications() - before).toBe(1);
    expect(timers).toBe(0);
    expect(t.channel.getState()).toMatchObject({ received: BURST, data: BURST });
  });
});

describe('notify: microtask', () => {
  it('is still once per task, hidden or not', async () => {
    const t = setup({ hidden: true, notify: 'microtask' });
    await t.loop.run();
    const before = t.notifications();
    for (let n = 0; n < 5; n++) t.loop.queue(() => t.fake.last.receive(`{"n":${n}}`));
    await t.loop.run();
    expect(t.notifications() - before).toBe(5);
  });
});
