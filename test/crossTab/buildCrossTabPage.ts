import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const entry = join(import.meta.dirname, 'page', 'crossTabPage.ts');

export interface CrossTabPageDir {
  /** Holds `index.html` and its bundle: what the mock server serves from `staticDir`. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Bundles the cross-tab page (tidings from source, every peer included, since the page opens
 * every transport) into a fresh temporary folder.
 */
export async function buildCrossTabPage(): Promise<CrossTabPageDir> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-crosstab-page-'));
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'crossTabPage.js'),
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@tidings/source', 'module'],
    logLevel: 'warning',
  });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>tidings cross-tab</title></head>' +
      '<body><script type="module" src="./crossTabPage.js"></script></body></html>',
  );
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
