import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against package sources through the `@tidings/source` export condition, so no build is
// needed first. Files that need a DOM opt in with `// @vitest-environment jsdom`.
const sourceCondition = '@tidings/source';

export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
