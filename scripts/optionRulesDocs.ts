// The README section "Which options reconnect" of @tidings/react and @tidings/vue, generated from
// the lists the bindings themselves split options with, so the docs cannot drift from the code.
// `node --conditions=@tidings/source --import tsx scripts/optionRulesDocs.ts --write` rewrites it; test/scripts checks it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  consumerOptionKeys,
  readOnceOptionKeys,
  transportConsumerOptionKeys,
} from '@tidings/core/binding';

export const START = '<!-- option rules: generated from @tidings/core/binding, do not edit -->';
export const END = '<!-- end of option rules -->';

/** The READMEs that carry the section, from the repository root. */
export const READMES = ['packages/react/README.md', 'packages/vue/README.md'];

const code = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/** The generated section, markers included. */
export function optionRulesSection(): string {
  const extras = Object.entries(transportConsumerOptionKeys)
    .map(([transport, names]) => `${code(names)} (${transport})`)
    .join(', ');
  const rows = [
    [
      'consumer',
      `${code(consumerOptionKeys)}; ${extras}`,
      'the latest value is used; never a reconnect',
    ],
    ['read once', code(readOnceOptionKeys), 'read when the channel is created'],
    ['registry', '`hub`', 'a channel on that hub (compared by reference)'],
    [
      'wire',
      'the URL or source, and every other option (by value; a function at any depth, such as a ' +
        "heartbeat's `pong`, is bound to the latest closure and counts as unchanged)",
      'a new channel: **one** reconnect',
    ],
  ];
  return [
    START,
    '| kind | options | on change |',
    '| --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    END,
  ].join('\n');
}

/** `readme` with its section replaced by the generated one. */
export function withOptionRules(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error('option rules markers not found');
  return readme.slice(0, start) + optionRulesSection() + readme.slice(end + END.length);
}

if (process.argv.includes('--write')) {
  const root = join(import.meta.dirname, '..');
  for (const readme of READMES) {
    const path = join(root, readme);
    await writeFile(path, withOptionRules(await readFile(path, 'utf8')));
  }
}
