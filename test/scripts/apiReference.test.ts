import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiPages,
  entriesOf,
  mdxProse,
  PACKAGES,
  PAGES_DIR,
  titleOf,
} from '../../scripts/apiReference';

const root = join(import.meta.dirname, '..', '..');

/**
 * The names a module exports, read from its syntax alone (following `export *`), so this check
 * does not share the type checker the generator reads exports with.
 */
function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) names.add(element.name.text);
      } else if (clause && ts.isNamespaceExport(clause)) {
        names.add(clause.name.text);
      } else if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const base = resolve(dirname(file), statement.moduleSpecifier.text);
        const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(existsSync);
        if (!target) throw new Error(`cannot follow export * from ${base}`);
        for (const name of exportedNames(target, seen)) if (name !== 'default') names.add(name);
      }
    } else if (ts.isExportAssignment(statement)) {
      names.add('default');
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        names.add(declaration.name.getText(source));
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      exported(statement) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The part of a page under one entry's heading. */
function section(page: string, specifier: string): string {
  const start = page.indexOf(`\n## ${specifier}\n`);
  expect(start, `no section for ${specifier}`).toBeGreaterThan(-1);
  const next = page.indexOf('\n## ', start + 1);
  return page.slice(start, next === -1 ? undefined : next);
}

let generated: Map<string, string>;
beforeAll(() => {
  // One TypeScript program over every package's sources: seconds on a loaded machine.
  generated = apiPages();
}, 120_000);

describe('the API reference pages', () => {
  it('are one committed page per package, and no other', async () => {
    const committed = (await readdir(join(root, PAGES_DIR))).sort();
    expect(committed).toEqual(PACKAGES.map((pkg) => `${pkg}.mdx`).sort());
    expect([...generated.keys()].sort()).toEqual(
      PACKAGES.map((pkg) => join(PAGES_DIR, `${pkg}.mdx`)).sort(),
    );
  });

  it.each(PACKAGES)('API/%s is what the generator writes from the sources today', async (pkg) => {
    const path = join(PAGES_DIR, `${pkg}.mdx`);
    const committed = await readFile(join(root, path), 'utf8');
    // On failure: node --conditions=@tidings/source --import tsx scripts/apiReference.ts --write
    expect(committed).toBe(generated.get(path));
    expect(committed).toContain(`<Meta title="${titleOf(pkg)}" />`);
  });

  it.each(PACKAGES)('API/%s lists every export of every entry', (pkg) => {
    const page = generated.get(join(PAGES_DIR, `${pkg}.mdx`)) ?? '';
    const entries = entriesOf(pkg);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const names = exportedNames(entry.file);
      expect(names.size, entry.specifier).toBeGreaterThan(0);
      const text = section(page, entry.specifier);
      for (const name of names) {
        const documented = text.includes(`\n### ${name}\n`);
        const linked = text.includes(`\n- \`${name}\` from [`);
        expect(documented || linked, `${entry.specifier} ${name}`).toBe(true);
      }
    }
  });

  it('covers every subpath entry the issue names', () => {
    const specifiers = PACKAGES.flatMap((pkg) => entriesOf(pkg).map((entry) => entry.specifier));
    expect(specifiers).toEqual(
      expect.arrayContaining([
        '@tidings/core/transport',
        '@tidings/core/binding',
        '@tidings/core/mqtt',
        '@tidings/core/socket-io',
        '@tidings/core/sse-polyfill',
        '@tidings/core/devtools',
        '@tidings/react/mqtt',
        '@tidings/react/socket-io',
        '@tidings/vue/mqtt',
        '@tidings/vue/socket-io',
        '@tidings/devtools/react',
        '@tidings/devtools/vue',
        '@tidings/mock-server',
        '@tidings/react-query',
        '@tidings/vue-query',
      ]),
    );
  });
});

describe('mdxProse', () => {
  it('escapes what MDX would read as JSX, outside code spans only', () => {
    expect(mdxProse('a { b } <c> `{ d } <e>`')).toBe('a \\{ b \\} &lt;c&gt; `{ d } <e>`');
  });

  it('turns {@link} into code', () => {
    expect(mdxProse('see {@link TidingsDevtools} and {@link Hub | the hub}')).toBe(
      'see `TidingsDevtools` and the hub (`Hub`)',
    );
  });
});
