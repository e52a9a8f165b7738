import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/** A page the browser tests load: `index.html` and its bundle, in a fresh temporary folder. */
export interface TestPageDir {
  /** What the mock server serves from `staticDir` (or the mock process with `--static`). */
  dir: string;
  remove(): Promise<void>;
}

export interface TestPageOptions {
  /** The `<title>` of the page, which names it in a browser's tab list. */
  title: string;
  /**
   * Peers left out of the bundle: core loads them with `import()` only for transports the page
   * never opens. A page that opens every transport leaves nothing out.
   */
  external?: string[];
}

/**
 * Bundles one test page's script (tidings from source, through the `@tidings/source` condition,
 * as the tests use it: a fresh clone has no dist/ yet) into a fresh temporary folder, with an
 * `index.html` that loads it as a module.
 */
export async function buildTestPage(entry: string, options: TestPageOptions): Promise<TestPageDir> {
  const name = basename(entry, '.ts');
  const dir = await mkdtemp(join(tmpdir(), `tidings-${name}-`));
  try {
    await build({
      entryPoints: [entry],
      outfile: join(dir, `${name}.js`),
      bundle: true,
      splitting: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@tidings/source', 'module'],
      external: options.external ?? [],
      logLevel: 'warning',
    });
    await writeFile(
      join(dir, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><title>${options.title}</title></head>` +
        `<body><script type="module" src="./${name}.js"></script></body></html>`,
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
