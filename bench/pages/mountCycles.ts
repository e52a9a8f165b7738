import { action, nextSocketOpen } from './harness';

/** Yields a task without the 4 ms clamp of nested `setTimeout(0)`. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Registers `cycles(n)`: mounts a view, waits for its socket to open, unmounts it, n times, as
 * route changes would. `mount` returns the unmount function.
 */
export function registerMountCycles(mount: (container: HTMLElement) => () => void): void {
  action('cycles', async (count = 1) => {
    for (let i = 0; i < count; i++) {
      const container = document.createElement('div');
      document.body.append(container);
      const opened = nextSocketOpen(1_000);
      const unmount = mount(container);
      // A view unmounted before its socket opens would leave nothing to leak.
      await opened;
      unmount();
      container.remove();
      await nextTask();
    }
  });
}
