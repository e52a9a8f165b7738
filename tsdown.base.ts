import type { UserConfig } from 'tsdown';

/**
 * How every published package is built: ESM, types, source maps, and one output file per source
 * module, so that with `sideEffects: false` an app's bundler drops every module a hook does not
 * use, as it does from the sources. Each package names its entries (and what it never bundles).
 */
export function libraryBuild(entry: string[], extra: Partial<UserConfig> = {}): UserConfig {
  return {
    entry,
    format: 'esm',
    unbundle: true,
    platform: 'neutral',
    dts: true,
    sourcemap: true,
    clean: true,
    ...extra,
  };
}

/** Vue and TanStack Query are the app's (one reactivity system), and so is tidings itself. */
export const vuePeersNeverBundled: Partial<UserConfig> = {
  deps: { neverBundle: ['vue', /^@tidings\//, /^@tanstack\//] },
};
