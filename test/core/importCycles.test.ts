import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The core's layering is only real if no module reaches back up: a cycle (even through
// `import type`) means two files cannot be understood, moved or split one without the other.
const coreSource = resolve(dirname(fileURLToPath(import.meta.url)), '../../packages/core/src');

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The file a relative specifier names, as the Bundler resolution finds it. */
function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const candidate = [`${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
  if (!candidate) throw new Error(`${relative(coreSource, from)}: cannot resolve '${specifier}'`);
  return candidate;
}

/** Every module's relative imports (value and type, static and dynamic, re-exports included). */
function importGraph(root: string): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((ref) => ref.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(root, resolveImport(file, specifier)));
    graph.set(relative(root, file), [...new Set(targets)].sort());
  }
  return graph;
}

/** Every cycle a depth-first walk closes, each as a path that returns to its start. */
function findCycles(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import cycles in packages/core/src', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const graph: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(findCycles(new Map([['a.ts', ['b.ts']]]))).toEqual([]);
  });

  it('reads every core module and its imports with the TypeScript parser', () => {
    const graph = importGraph(coreSource);
    expect(graph.get('index.ts')).toContain('transports/webSocket/index.ts');
    expect(graph.get('transports/sse/index.ts')).toContain('transports/sse/driver.ts');
    // A dynamic import of a peer is not a module of the package: it never joins the graph.
    expect([...graph.values()].flat().every((target) => target.endsWith('.ts'))).toBe(true);
  });

  it('has none', () => {
    const cycles = findCycles(importGraph(coreSource)).map((cycle) => cycle.join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('types.ts imports nothing from the package at runtime', () => {
    const path = join(coreSource, 'types.ts');
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
    const runtimeImports = file.statements.filter(
      (statement) =>
        (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) ||
        (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier),
    );
    expect(runtimeImports.map((statement) => statement.getText(file))).toEqual([]);
  });
});
