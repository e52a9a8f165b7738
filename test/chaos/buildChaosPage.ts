import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const entry = join(import.meta.dirname, 'page', 'chaosPage.ts');

export interface ChaosPageDir {
  /** Holds `index.html` and its bundle: what the mock process serves with `--static`. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Bundles the chaos page into a fresh temporary folder. Tidings from source (the `@tidings/source`
 * condition), as the tests use it: a fresh clone has no dist/ yet.
 */
export async function buildChaosPage(): Promise<ChaosPageDir> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-chaos-page-'));
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'chaosPage.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@tidings/source', 'module'],
    // Loaded by core with `import()` only for transports this page never opens.
    external: ['mqtt', 'socket.io-client', 'event-source-polyfill'],
    logLevel: 'warning',
  });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>tidings chaos</title></head>' +
      '<body><script type="module" src="./chaosPage.js"></script></body></html>',
  );
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
