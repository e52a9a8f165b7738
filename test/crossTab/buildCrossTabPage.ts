import { join } from 'node:path';
import { buildTestPage, type TestPageDir } from '../shared/buildTestPage';

/** The cross-tab page, with every peer bundled (it opens every transport), in a temporary folder. */
export function buildCrossTabPage(): Promise<TestPageDir> {
  return buildTestPage(join(import.meta.dirname, 'page', 'crossTabPage.ts'), {
    title: 'tidings cross-tab',
  });
}
