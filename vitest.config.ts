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
    testTimeout: 15_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**'],
          // Waits give up after 10 s, not 1 s: see the file.
          setupFiles: ['test/shared/waitCeilings.ts'],
          // `*.test-d.ts` files hold type tests (expectTypeOf), checked by tsc in this project.
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: 'tsconfig.json',
          },
        },
      },
      {
        // Real Chromium against the built Storybook served by the mock server. One shared server,
        // so files run one after another.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
