import { analyzeMetafile, build } from 'esbuild';
import { browserDefines } from './buildPages';
import { BUNDLE_EXTERNALS } from './bundleSizes';

const name = process.argv[2]!;
const from = process.argv[3]!;
const r = await build({
  stdin: {
    contents: `export { ${name} } from '${from}';`,
    resolveDir: import.meta.dirname,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@tidings/source', 'module'],
  define: browserDefines,
  external: BUNDLE_EXTERNALS,
  metafile: true,
  logLevel: 'error',
});
console.log(await analyzeMetafile(r.metafile));
