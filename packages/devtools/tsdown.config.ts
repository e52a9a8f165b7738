import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/react.tsx', 'src/vue.ts'],
  format: 'esm',
  // One output file per source module: `sideEffects: false` then lets an app's bundler drop
  // every module a panel does not use, as it does from the sources.
  unbundle: true,
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
});
