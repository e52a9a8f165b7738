#!/usr/bin/env node
// The `tidings-mock` command. It is a committed file (not dist/cli.js itself) so that installing
// the workspace before any build can link the bin: an installed package runs its built CLI, a
// checkout that has not been built yet runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
