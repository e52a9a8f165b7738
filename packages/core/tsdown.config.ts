import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/transport.ts',
    'src/binding.ts',
    'src/mqtt.ts',
    'src/socketIO.ts',
    'src/ssePolyfill.ts',
    'src/devtools.ts',
    'src/crossTab.ts',
  ],
  format: 'esm',
  // One output file per source module: `sideEffects: false` then lets an app's bundler drop
  // every module a hook does not use, as it does from the sources.
  unbundle: true,
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
});
