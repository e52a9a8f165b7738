import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  // package.json points at .js (the package is "type": "module"), not tsdown's default .mjs.
  fixedExtension: false,
});
