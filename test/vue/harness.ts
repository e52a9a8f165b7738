import { createHub, type Hub } from '@tidings/core';
import { type MockServerOptions, startMockServer } from '@tidings/mock-server';
import { tidings } from '@tidings/vue';
import { afterEach } from 'vitest';
import { createApp, defineComponent, type EffectScope, effectScope, h } from 'vue';
import { pageOrigins } from '../shared/mockServerHelpers';

export type MockServer = Awaited<ReturnType<typeof startMockServer>>;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real mock server on 127.0.0.1 port 0 and a fresh hub, both closed after the test. */
export async function setup(
  options: Omit<MockServerOptions, 'port'> = {},
): Promise<{ server: MockServer; hub: Hub }> {
  const server = await startMockServer({ allowOrigins: pageOrigins(), ...options, port: 0 });
  cleanups.push(() => server.close());
  return { server, hub: createHub() };
}

/** Runs `fn` in a component of an app that has the plugin with `hub`; `unmount()` disposes it. */
export function mount<T>(hub: Hub, fn: () => T): { result: T; unmount: () => void } {
  let result: T | undefined;
  const App = defineComponent({
    setup() {
      result = fn();
      return () => h('div');
    },
  });
  const app = createApp(App).use(tidings, { hub });
  app.mount(document.createElement('div'));
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    app.unmount();
  };
  cleanups.push(unmount);
  return { result: result as T, unmount };
}

/** Runs `fn` in a detached effect scope (no component); `stop()` disposes it. */
export function inScope<T>(fn: () => T): { result: T; scope: EffectScope } {
  const scope = effectScope(true);
  const result = scope.run(fn) as T;
  cleanups.push(() => scope.stop());
  return { result, scope };
}

export type { TransportName as Transport } from '@tidings/mock-server';
export {
  collectIds,
  fastReconnect,
  idOf,
  mockMessageId,
  stats,
  wsUrl,
} from '../shared/mockServerHelpers';
