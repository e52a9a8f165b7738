import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import externals from '../../bench/externals.json' with { type: 'json' };

const root = join(import.meta.dirname, '../..');

/** The published packages a bundler may meet in an app. */
export const PUBLISHED = ['core', 'react', 'vue', 'react-query', 'vue-query', 'devtools'] as const;

/** Frameworks are the app's, never the library's: external in every bundler. */
export const FRAMEWORKS: string[] = externals.frameworks;

/** The optional peer each subpath entry loads; entries not listed need none. */
const PEER_OF_SUBPATH: Record<string, string> = {
  './mqtt': 'mqtt',
  './socket-io': 'socket.io-client',
  './sse-polyfill': 'event-source-polyfill',
};
export const OPTIONAL_PEERS = Object.values(PEER_OF_SUBPATH);

/** One public entry point, as an app imports it. */
export interface PublicEntry {
  specifier: string;
  /** The optional peer the entry exists for, which an app using it installs. */
  peer: string | undefined;
}

interface PackageJson {
  name: string;
  exports: Record<string, unknown>;
  publishConfig?: { exports?: Record<string, unknown> };
}

async function packageJsonOf(pkg: string): Promise<PackageJson> {
  return JSON.parse(await readFile(join(root, 'packages', pkg, 'package.json'), 'utf8'));
}

/** Every entry in the packages' `exports`, so a new entry is covered without touching the test. */
export async function publicEntries(): Promise<PublicEntry[]> {
  const entries: PublicEntry[] = [];
  for (const pkg of PUBLISHED) {
    const json = await packageJsonOf(pkg);
    for (const subpath of Object.keys(json.exports)) {
      if (subpath === './package.json') continue;
      entries.push({
        specifier: subpath === '.' ? json.name : `${json.name}/${subpath.slice(2)}`,
        peer: PEER_OF_SUBPATH[subpath],
      });
    }
  }
  return entries;
}

const tsdown = join(root, 'node_modules/.bin/tsdown');

/**
 * The package's build (its `dist`, what a bundler reads), written straight into the app's folder
 * so the repo's own `dist` is left alone.
 */
function buildInto(pkg: string, outDir: string): void {
  execFileSync(tsdown, ['--out-dir', outDir, '--no-sourcemap'], {
    cwd: join(root, 'packages', pkg),
    stdio: 'pipe',
  });
}

/**
 * An app's folder with the packages as they are published (`publishConfig` applied, `dist` only)
 * and their one dependency, and none of the optional peers. It lives in the OS temp folder, so
 * module resolution, which climbs parent folders, cannot find the repo's own devDependencies.
 */
export async function createAppProject(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-bundle-'));
  const modules = join(dir, 'node_modules');
  for (const pkg of PUBLISHED) {
    const json = await packageJsonOf(pkg);
    const target = join(modules, json.name);
    await mkdir(target, { recursive: true });
    buildInto(pkg, join(target, 'dist'));
    const published = { ...json, exports: json.publishConfig?.exports ?? json.exports };
    await writeFile(join(target, 'package.json'), JSON.stringify(published, null, 2));
  }
  const requireFromCore = createRequire(join(root, 'packages/core/package.json'));
  const parser = dirname(requireFromCore.resolve('eventsource-parser/package.json'));
  await cp(parser, join(modules, 'eventsource-parser'), { recursive: true, dereference: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', type: 'module' }));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes one file per entry that re-exports all of it; returns name → file. */
export async function writeEntryFiles(
  dir: string,
  entries: PublicEntry[],
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  await mkdir(join(dir, 'src'), { recursive: true });
  for (const entry of entries) {
    const name = entry.specifier.replace(/[@/]/g, '_');
    const file = join(dir, 'src', `${name}.js`);
    await writeFile(file, `export * from '${entry.specifier}';\n`);
    files[name] = file;
  }
  return files;
}

/** What the app folder's node_modules holds, to prove the peers are absent. */
export async function installedPackages(dir: string): Promise<string[]> {
  const modules = join(dir, 'node_modules');
  const names: string[] = [];
  for (const name of await readdir(modules)) {
    if (name.startsWith('@')) {
      for (const inner of await readdir(join(modules, name))) names.push(`${name}/${inner}`);
    } else names.push(name);
  }
  return names;
}
