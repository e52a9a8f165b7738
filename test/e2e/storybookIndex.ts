import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const staticDir = join(import.meta.dirname, '..', '..', 'storybook-static');

/** One entry of a built Storybook's index: a story or a docs page, under `path` ('' or '/vue'). */
export interface IndexEntry {
  path: '' | '/vue';
  id: string;
  type: 'story' | 'docs';
}

function entriesOf(path: IndexEntry['path']): IndexEntry[] {
  const index = JSON.parse(readFileSync(join(staticDir, path, 'index.json'), 'utf8')) as {
    entries: Record<string, { id: string; type: 'story' | 'docs' }>;
  };
  return Object.values(index.entries).map(({ id, type }) => ({ path, id, type }));
}

/** Every story and docs page of both built Storybooks (the React one, and the Vue one in `vue/`). */
export function indexEntries(): IndexEntry[] {
  return [...entriesOf(''), ...entriesOf('/vue')];
}

/** The canvas of an entry alone, as the manager's iframe shows it. */
export function entryUrl(base: string, entry: IndexEntry): string {
  const viewMode = entry.type === 'docs' ? 'docs' : 'story';
  return `${base}${entry.path}/iframe.html?id=${entry.id}&viewMode=${viewMode}`;
}
