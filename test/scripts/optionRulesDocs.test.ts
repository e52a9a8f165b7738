import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  consumerOptionKeys,
  readOnceOptionKeys,
  splitOptions,
  transportConsumerOptionKeys,
} from '@tidings/core/binding';
import { describe, expect, it } from 'vitest';
import { optionRulesSection, READMES, withOptionRules } from '../../scripts/optionRulesDocs';

const root = join(import.meta.dirname, '..', '..');

describe('the READMEs\' "Which options reconnect"', () => {
  it.each(READMES)('%s carries the section generated from the code', async (readme) => {
    const text = await readFile(join(root, readme), 'utf8');
    expect(text).toContain(optionRulesSection());
    // Equal after regeneration: nothing was edited by hand between the markers.
    expect(withOptionRules(text)).toBe(text);
  });

  it('lists exactly what splitOptions keeps out of the wire', () => {
    const options = Object.fromEntries(
      [...consumerOptionKeys, ...readOnceOptionKeys, 'hub', 'interval'].map((name) => [name, 1]),
    );
    const { consumer, wire } = splitOptions(options);
    expect(Object.keys(wire)).toEqual(['interval']);
    expect(Object.keys(consumer).sort()).toEqual([...consumerOptionKeys].sort());
    const section = optionRulesSection();
    for (const name of [...consumerOptionKeys, ...readOnceOptionKeys]) {
      expect(section).toContain(`\`${name}\``);
    }
    for (const names of Object.values(transportConsumerOptionKeys)) {
      expect(splitOptions({ [names[0]]: 1 }, names).wire).toEqual({});
    }
  });
});
