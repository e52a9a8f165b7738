import { join } from 'node:path';
import { buildTestPage, type TestPageDir } from '../shared/buildTestPage';

/** The chaos page (one consumer per transport under test), bundled into a fresh temporary folder. */
export function buildChaosPage(): Promise<TestPageDir> {
  return buildTestPage(join(import.meta.dirname, 'page', 'chaosPage.ts'), {
    title: 'tidings chaos',
    // Loaded by core with `import()` only for transports this page never opens.
    external: ['mqtt', 'socket.io-client', 'event-source-polyfill'],
  });
}
