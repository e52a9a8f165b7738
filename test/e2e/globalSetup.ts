import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// By path: Vitest loads global setup files without the `@tidings/source` condition, and a fresh
// clone has no built dist/ to resolve the package to.
import { startMockServer } from '../../packages/mock-server/src/index';

const root = join(import.meta.dirname, '..', '..');
const storybookStatic = join(root, 'storybook-static');

declare module 'vitest' {
  export interface ProvidedContext {
    storybookUrl: string;
  }
}

/** Runs the pnpm that runs us (`npx pnpm test` leaves no `pnpm` on PATH), else the one on PATH. */
function runPnpm(args: string[]): void {
  const pnpmScript = process.env.npm_execpath;
  const options = { cwd: root, stdio: 'inherit' as const };
  if (pnpmScript?.includes('pnpm')) execFileSync(process.execPath, [pnpmScript, ...args], options);
  else execFileSync('pnpm', args, options);
}

/**
 * Builds both Storybooks (React with the Vue one composed in) and serves them from the mock server,
 * so every story talks to live endpoints on the same origin, as `pnpm start` does.
 * `TIDINGS_E2E_SKIP_BUILD=1` reuses an existing build while iterating on the tests.
 */
export default async function setup(project: TestProject) {
  if (!(process.env.TIDINGS_E2E_SKIP_BUILD && existsSync(storybookStatic))) {
    runPnpm(['build-storybook']);
  }
  const server = await startMockServer({ port: 0, staticDir: storybookStatic });
  project.provide('storybookUrl', server.url);
  return async () => {
    await server.close();
  };
}
