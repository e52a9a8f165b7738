import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

/** One build of several entry files in an app's folder; rejects with the bundler's own errors. */
export interface BundleJob {
  dir: string;
  /** name → entry file */
  entries: Record<string, string>;
  /** Module ids the app provides itself (frameworks, and peers it installed). */
  external: string[];
}

export type Bundler = (job: BundleJob) => Promise<void>;

const isExternal = (external: string[]) => (id: string) =>
  external.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Rollup and Rolldown only warn about an import they cannot find and leave it in the output: for
 * an app, that is a build that breaks at run time, so here it fails the build.
 */
function failOnUnresolved(
  warning: { code?: string; message: string },
  warn: (warning: { code?: string; message: string }) => void,
): void {
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
  warn(warning);
}

const viaEsbuild: Bundler = async ({ dir, entries, external }) => {
  await esbuild({
    absWorkingDir: dir,
    entryPoints: entries,
    outdir: join(dir, 'out-esbuild'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    logLevel: 'silent',
  });
};

const viaRollup: Bundler = async ({ entries, external }) => {
  const bundle = await rollup({
    input: entries,
    external: isExternal(external),
    plugins: [nodeResolve({ browser: true })],
    onwarn: failOnUnresolved,
  });
  await bundle.generate({ format: 'es' });
  await bundle.close();
};

const viaVite: Bundler = async ({ dir, entries, external }) => {
  const result = await viteBuild({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      lib: { entry: entries, formats: ['es'] },
      rolldownOptions: { external: isExternal(external), onwarn: failOnUnresolved },
    },
  });
  // Vite builds an import of a missing optional peer into a module that throws when loaded (its
  // id names the peer), so the build passes and the app breaks at run time: that fails here.
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{
    output?: Array<{ code?: string }>;
  }>;
  for (const { output = [] } of outputs) {
    for (const chunk of output) {
      const stub = chunk.code?.indexOf('__vite-optional-peer-dep:') ?? -1;
      if (stub >= 0)
        throw new Error(
          `Vite stubbed a missing optional peer: ${chunk.code?.slice(stub, stub + 80)}`,
        );
    }
  }
};

const viaWebpack: Bundler = ({ dir, entries, external }) =>
  new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        context: dir,
        entry: entries,
        target: 'web',
        output: { path: join(dir, 'out-webpack'), module: true, library: { type: 'module' } },
        experiments: { outputModule: true },
        externalsType: 'module',
        externals: ({ request }, callback) =>
          request && isExternal(external)(request) ? callback(undefined, request) : callback(),
        // Tree shaking and module resolution are what is checked; minifying adds only time.
        optimization: { minimize: false },
      },
      (error, stats) => {
        if (error) reject(error);
        else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
        else resolve();
      },
    );
  });

export const BUNDLERS: Record<string, Bundler> = {
  esbuild: viaEsbuild,
  Rollup: viaRollup,
  'Vite (Rolldown)': viaVite,
  webpack: viaWebpack,
};
