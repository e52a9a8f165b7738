// The Storybook pages "API/<package>": every export of every entry of every published package,
// with its kind, signature and JSDoc summary, read from the sources with the TypeScript compiler,
// so the reference cannot drift from the code.
// `node --conditions=@tidings/source --import tsx scripts/apiReference.ts --write` rewrites them;
// test/scripts checks them.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');

/** The published packages, by folder under `packages/`, in the order the pages are listed. */
export const PACKAGES = [
  'core',
  'react',
  'vue',
  'react-query',
  'vue-query',
  'devtools',
  'mock-server',
] as const;

/** Where the pages go, from the repository root. */
export const PAGES_DIR = 'stories/react/docs/api';

/** One entry point of a package: `@tidings/core/transport` and the source file behind it. */
export interface Entry {
  specifier: string;
  file: string;
}

/** One export of an entry, as the page lists it. */
export interface ExportDoc {
  name: string;
  /** Where it is declared: the same key in two entries is one export, documented once. */
  declaredAt: string;
  kind: string;
  signature: string;
  summary: string;
  /** Properties of an interface or public members of a class. */
  members: MemberDoc[];
}

export interface MemberDoc {
  signature: string;
  summary: string;
  defaultValue: string | undefined;
}

/** A package's entries, from its `exports` with the `@tidings/source` condition. */
export function entriesOf(pkg: string): Entry[] {
  const dir = join(root, 'packages', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | Record<string, string>>;
  };
  return Object.entries(manifest.exports).flatMap(([subpath, target]) => {
    const source = typeof target === 'object' ? target['@tidings/source'] : undefined;
    if (!source) return [];
    return [{ specifier: join(manifest.name, subpath), file: resolve(dir, source) }];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}

/** The first paragraph of a JSDoc comment, on one line. */
function summaryOf(parts: ts.SymbolDisplayPart[]): string {
  const text = ts.displayPartsToString(parts).trim();
  return (text.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim();
}

function defaultOf(symbol: ts.Symbol, checker: ts.TypeChecker): string | undefined {
  const tag = symbol.getJsDocTags(checker).find((candidate) => candidate.name === 'default');
  if (!tag?.text) return undefined;
  return ts.displayPartsToString(tag.text).replace(/\s+/g, ' ').trim();
}

/** A declaration's own text, without its JSDoc, its body and the `export` keywords. */
function headerOf(node: ts.Node, body: ts.Node | undefined): string {
  const source = node.getSourceFile().text;
  const end = body ? body.getStart() : node.getEnd();
  return source
    .slice(node.getStart(), end)
    .replace(/^export\s+(default\s+)?/, '')
    .replace(/^declare\s+/, '')
    .replace(/[\s;]+$/, '');
}

const PRINT =
  ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

function variableSignature(
  declaration: ts.VariableDeclaration,
  symbol: ts.Symbol,
  checker: ts.TypeChecker,
): string {
  const name = declaration.name.getText();
  if (declaration.type) return `const ${name}: ${declaration.type.getText()}`;
  const init = declaration.initializer;
  if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
    const params = init.parameters.map((parameter) => parameter.getText()).join(', ');
    const generics = init.typeParameters
      ? `<${init.typeParameters.map((parameter) => parameter.getText()).join(', ')}>`
      : '';
    const signature = checker.getSignatureFromDeclaration(init);
    const returns = init.type
      ? init.type.getText()
      : signature
        ? checker.typeToString(checker.getReturnTypeOfSignature(signature), declaration)
        : 'unknown';
    return `const ${name}: ${generics}(${params}) => ${returns}`;
  }
  // Inferred types (a Vue component) can run to pages; the compiler's truncation keeps them short.
  return `const ${name}: ${checker.typeToString(checker.getTypeOfSymbol(symbol), declaration)}`;
}

function membersOf(symbol: ts.Symbol, checker: ts.TypeChecker, isClass: boolean): MemberDoc[] {
  const table = symbol.members;
  if (!table) return [];
  const members: MemberDoc[] = [];
  table.forEach((member, key) => {
    const name = String(key);
    if (name.startsWith('#') || name.startsWith('__')) {
      if (name !== '__constructor' && name !== '__call') return;
    }
    for (const declaration of member.declarations ?? []) {
      if (ts.isTypeParameterDeclaration(declaration)) continue;
      const flags = ts.getCombinedModifierFlags(declaration as ts.Declaration);
      if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      if (ts.isPrivateIdentifier((declaration as ts.NamedDeclaration).name ?? declaration))
        continue;
      // Overloaded methods: the implementation is not part of the API.
      if (
        isClass &&
        (ts.isMethodDeclaration(declaration) || ts.isConstructorDeclaration(declaration)) &&
        declaration.body &&
        (member.declarations?.length ?? 0) > 1
      )
        continue;
      const body =
        ts.isMethodDeclaration(declaration) || ts.isConstructorDeclaration(declaration)
          ? declaration.body
          : ts.isPropertyDeclaration(declaration)
            ? declaration.initializer
            : ts.isGetAccessorDeclaration(declaration) || ts.isSetAccessorDeclaration(declaration)
              ? declaration.body
              : undefined;
      let signature = headerOf(declaration, body).replace(/\s*=$/, '');
      if (ts.isPropertyDeclaration(declaration) && !declaration.type) {
        signature += `: ${checker.typeToString(checker.getTypeOfSymbol(member), declaration)}`;
      }
      members.push({
        signature: signature.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')'),
        summary: summaryOf(member.getDocumentationComment(checker)),
        defaultValue: defaultOf(member, checker),
      });
    }
  });
  return members;
}

function describeExport(name: string, symbol: ts.Symbol, checker: ts.TypeChecker): ExportDoc {
  const declarations = symbol.declarations ?? [];
  const summary = summaryOf(symbol.getDocumentationComment(checker));
  const signatures: string[] = [];
  const kinds = new Set<string>();
  let members: MemberDoc[] = [];
  const overloaded = declarations.filter((d) => ts.isFunctionDeclaration(d) && !d.body).length > 0;
  for (const declaration of declarations) {
    if (ts.isFunctionDeclaration(declaration)) {
      if (overloaded && declaration.body) continue;
      kinds.add('function');
      signatures.push(headerOf(declaration, declaration.body));
    } else if (ts.isClassDeclaration(declaration)) {
      kinds.add('class');
      const open = declaration.members.pos;
      const text = declaration.getSourceFile().text.slice(declaration.getStart(), open);
      signatures.push(
        text
          .replace(/^export\s+(default\s+)?/, '')
          .replace(/\{\s*$/, '')
          .trim(),
      );
      members = membersOf(symbol, checker, true);
    } else if (ts.isInterfaceDeclaration(declaration)) {
      kinds.add('interface');
      const open = declaration.members.pos;
      const text = declaration.getSourceFile().text.slice(declaration.getStart(), open);
      signatures.push(
        text
          .replace(/^export\s+/, '')
          .replace(/\{\s*$/, '')
          .trim(),
      );
      members = members.concat(membersOf(symbol, checker, false));
    } else if (ts.isTypeAliasDeclaration(declaration)) {
      kinds.add('type');
      signatures.push(headerOf(declaration, undefined));
    } else if (ts.isVariableDeclaration(declaration)) {
      kinds.add('const');
      signatures.push(variableSignature(declaration, symbol, checker));
    } else if (ts.isEnumDeclaration(declaration)) {
      kinds.add('enum');
      signatures.push(headerOf(declaration, undefined));
    } else if (ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) {
      kinds.add('namespace');
      signatures.push(
        `namespace ${name} { ${checker
          .getExportsOfModule(symbol)
          .map((e) => e.name)
          .join(', ')} }`,
      );
    } else {
      kinds.add(ts.SyntaxKind[declaration.kind]);
      signatures.push(
        `${name}: ${checker.typeToString(checker.getTypeOfSymbol(symbol), declaration, PRINT)}`,
      );
    }
  }
  const first = declarations[0];
  const declaredAt = first ? `${first.getSourceFile().fileName}:${first.getStart()}` : name;
  return {
    name,
    declaredAt,
    kind: [...kinds].join(' + '),
    signature: signatures.join('\n'),
    summary,
    members,
  };
}

/** Every export of every entry of the packages, read from the sources. */
export function readApi(
  packages: readonly string[] = PACKAGES,
): Map<string, Map<Entry, ExportDoc[]>> {
  const entries = new Map(packages.map((pkg) => [pkg, entriesOf(pkg)]));
  const program = ts.createProgram(
    [...entries.values()].flat().map((entry) => entry.file),
    compilerOptions(),
  );
  const checker = program.getTypeChecker();
  const api = new Map<string, Map<Entry, ExportDoc[]>>();
  for (const [pkg, list] of entries) {
    const docs = new Map<Entry, ExportDoc[]>();
    for (const entry of list) {
      const source = program.getSourceFile(entry.file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      if (!moduleSymbol) throw new Error(`no module for ${entry.specifier} (${entry.file})`);
      const exports = checker
        .getExportsOfModule(moduleSymbol)
        .map((exported) => {
          const target =
            exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
          return describeExport(exported.name, target, checker);
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'en'));
      docs.set(entry, exports);
    }
    api.set(pkg, docs);
  }
  return api;
}

/**
 * Prose from JSDoc, safe in MDX: `{`, `}` and `<` outside code spans would be read as JSX, and
 * `{@link X}` becomes `X` in code.
 */
export function mdxProse(text: string): string {
  return text
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:[\s|]+([^}]*))?\}/g, (_, target, label) =>
      label ? `${label} (\`${target}\`)` : `\`${target}\``,
    )
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/[{}]/g, (brace) => `\\${brace}`)
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;'),
    )
    .join('');
}

/** Inline code safe in MDX prose: a backtick in the code widens the fence. */
function inlineCode(code: string): string {
  const fence = code.includes('`') ? '``' : '`';
  return `${fence}${code.includes('`') ? ` ${code} ` : code}${fence}`;
}

/** The id Storybook (rehype-slug, GitHub's rules) gives a heading: `@tidings/core` is `tidingscore`. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The page title in the sidebar: `API/core`, `API/react-query`, ... */
export const titleOf = (pkg: string): string => `API/${pkg}`;

/** The MDX page of one package. */
export function apiPage(pkg: string, docs: Map<Entry, ExportDoc[]>): string {
  const lines: string[] = [
    "import { Meta } from '@storybook/addon-docs/blocks';",
    '',
    `<Meta title="${titleOf(pkg)}" />`,
    '',
    '{/* Generated by scripts/apiReference.ts from the sources: do not edit. */}',
    '',
    `# @tidings/${pkg}`,
    '',
    'Every export of every entry of the package, with its kind, its signature as written in the ' +
      'source and the first paragraph of its documentation.',
    '',
  ];
  const entries = [...docs.keys()];
  if (entries.length > 1) {
    lines.push('Entries:', '');
    for (const entry of entries)
      lines.push(`- [\`${entry.specifier}\`](#${anchorOf(entry.specifier)})`);
    lines.push('');
  }
  // Where each export was documented first, so an entry that re-exports it links there instead of
  // repeating it (and its heading's id).
  const documentedIn = new Map<string, Entry>();
  for (const [entry, exports] of docs) {
    lines.push(`## ${entry.specifier}`, '');
    if (exports.length === 0) lines.push('No exports.', '');
    const repeated = exports.filter((doc) => documentedIn.has(doc.declaredAt));
    if (repeated.length > 0) {
      lines.push('Also exports, documented above:', '');
      for (const doc of repeated) {
        const first = documentedIn.get(doc.declaredAt) as Entry;
        lines.push(
          `- \`${doc.name}\` from [\`${first.specifier}\`](#${anchorOf(first.specifier)})`,
        );
      }
      lines.push('');
    }
    for (const doc of exports) {
      if (documentedIn.has(doc.declaredAt)) continue;
      documentedIn.set(doc.declaredAt, entry);
      lines.push(`### ${doc.name}`, '', `*${doc.kind}*`, '');
      if (doc.summary) lines.push(mdxProse(doc.summary), '');
      lines.push('```ts', doc.signature, '```', '');
      for (const member of doc.members) {
        let line = `- ${inlineCode(member.signature)}`;
        if (member.summary) line += `: ${mdxProse(member.summary)}`;
        if (member.defaultValue) line += ` Default: ${mdxProse(member.defaultValue)}.`;
        lines.push(line);
      }
      if (doc.members.length > 0) lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Every page, by path from the repository root. */
export function apiPages(): Map<string, string> {
  const api = readApi();
  return new Map(
    [...api].map(([pkg, docs]) => [join(PAGES_DIR, `${pkg}.mdx`), apiPage(pkg, docs)]),
  );
}

if (process.argv.includes('--write')) {
  for (const [path, page] of apiPages()) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, page);
  }
}
