import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ALL_PAGES } from './competitors';
import externals from './externals.json' with { type: 'json' };

export const benchDir = import.meta.dirname;
export const pagesOut = join(benchDir, '.out');

/** Bundled once per run, production builds as users ship them. */
export const browserDefines: Record<string, string> = {
  'process.env.NODE_ENV': '"production"',
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
};

/**
 * Transports core loads with `import()` only when used (MQTT, Socket.IO, the EventSource
 * polyfill): optional peers a WebSocket or fetch page never loads.
 */
export const optionalTransportPeers: string[] = externals.optionalPeers;

/** Bundles one small page per competitor into `bench/.out/` (served by the mock server). */
export async function buildPages(): Promise<void> {
  await rm(pagesOut, { recursive: true, force: true });
  await mkdir(pagesOut, { recursive: true });
  await build({
    // React pages are .tsx, the others .ts.
    entryPoints: ALL_PAGES.map(({ page }) => {
      const tsx = join(benchDir, 'pages', `${page}.tsx`);
      return { in: existsSync(tsx) ? tsx : join(benchDir, 'pages', `${page}.ts`), out: page };
    }),
    outdir: pagesOut,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // Tidings from source, as the tests use it: a fresh clone has no dist/ yet.
    conditions: ['@tidings/source', 'module'],
    define: browserDefines,
    external: optionalTransportPeers,
    logLevel: 'warning',
  });
  await Promise.all(
    ALL_PAGES.map(({ page, label }) =>
      writeFile(
        join(pagesOut, `${page}.html`),
        `<!doctype html><html><head><meta charset="utf-8"><title>${label}</title></head>` +
          `<body><div id="root"></div><script type="module" src="./${page}.js"></script></body></html>`,
      ),
    ),
  );
}
