import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against package sources through the `@tidings/source` export condition, so no build is
// needed first. Files that need a DOM opt in with `// @vitest-environment jsdom`.
const sourceCondition = '@tidings/source';
// jsdom test files resolve with browser conditions, which would hand the mock server (a Node
// program the test starts) ws's browser stub; `ws` is only ever the Node server/client in tests.
const wsNode = join(dirname(createRequire(import.meta.url).resolve('ws')), 'wrapper.mjs');

export default defineConfig({
  resolve: {
    conditions: [sourceCondition, ...defaultClientConditions],
    alias: [{ find: /^ws$/, replacement: wsNode }],
  },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
