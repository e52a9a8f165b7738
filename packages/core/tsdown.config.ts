import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/transport.ts',
    'src/binding.ts',
    'src/mqtt.ts',
    'src/socketIO.ts',
    'src/ssePolyfill.ts',
  ],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
});
