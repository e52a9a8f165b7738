import { createHub, type Hub } from '@tidings/core';
import { type App, hasInjectionContext, type InjectionKey, inject } from 'vue';

/** Where the plugin provides its hub; inject it yourself with `inject(tidingsHubKey)`. */
export const tidingsHubKey: InjectionKey<Hub> = Symbol('tidings-hub');

export interface TidingsPluginOptions {
  /** Registry of shared connections for every composable of this app. @default a new hub per app */
  hub?: Hub;
}

/**
 * The Vue plugin: gives every composable of the app one hub, so identical wires share a connection
 * and nothing leaks between apps (or tests). Without it, composables use core's default hub.
 *
 * @example
 * createApp(App).use(tidings, { hub: createHub() }).mount('#app');
 */
export const tidings = {
  install(app: App, options: TidingsPluginOptions = {}): void {
    app.provide(tidingsHubKey, options.hub ?? createHub());
  },
};

/**
 * The hub the plugin provided, or `undefined` (composables then use core's default hub). Works in a
 * component's setup and inside `app.runWithContext`; elsewhere it returns `undefined`.
 */
export function useTidingsHub(): Hub | undefined {
  return hasInjectionContext() ? inject(tidingsHubKey, undefined) : undefined;
}
