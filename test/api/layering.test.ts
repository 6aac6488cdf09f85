import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The API's layers by construction. biome.json's noRestrictedImports keeps modules/, common/
 * and authz/ from importing server/, and common/ from importing a module (file by file, as
 * written); this test sees what a lint rule cannot: the modules' dependency graph. A module
 * folder (`api/src/modules/<name>`) may depend on another only if that one does not depend back,
 * directly or through others: the modules form layers, not a knot.
 *
 * Every import counts, `import type` included: a cycle of types is still two modules that
 * cannot be understood, or moved, one without the other.
 */

const SRC = path.resolve(__dirname, '../../api/src');
const MODULES = path.join(SRC, 'modules');

/**
 * The module cycle of today, to be broken: every one of these modules imports the Tenant entity
 * (modules/tenant/tenant.entity.ts), and the tenant module imports identity, org and audit to
 * provision a tenant. Moving the entity below the modules (next to common/tenant-owned.entity.ts)
 * breaks it. A cycle found must lie within a listed one; a listed one no longer found fails
 * the test too, so this list only shrinks. The target is an empty list.
 */
const KNOWN_CYCLES: string[][] = [];

interface Import {
  from: string;
  line: number;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Module specifiers: `import … from` and `export … from` statements (at the start of a line, so
 * examples in doc comments do not count), `import '…'`, `import('…')` and `require('…')`.
 */
const SPECIFIERS = [
  /^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]/gm,
  /^[ \t]*import\s*['"]([^'"\n]+)['"]/gm,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

function resolve(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base].find((f) => existsSync(f) && statSync(f).isFile());
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return SPECIFIERS.flatMap((pattern) =>
    [...text.matchAll(pattern)].flatMap((m) => {
      const to = resolve(file, m[1]!);
      return to ? [{ from: file, line: text.slice(0, m.index).split('\n').length, to }] : [];
    }),
  );
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const moduleOf = (file: string) => (file.startsWith(MODULES + path.sep) ? path.relative(MODULES, file).split(path.sep)[0] : undefined);

/** The module graph: for each module, the modules it imports, each with the imports that make the edge. */
function moduleGraph(imports: Import[]): Map<string, Map<string, Import[]>> {
  const graph = new Map<string, Map<string, Import[]>>();
  for (const i of imports) {
    const a = moduleOf(i.from);
    const b = moduleOf(i.to);
    if (!a || !b || a === b) continue;
    const edges = graph.get(a) ?? new Map<string, Import[]>();
    edges.set(b, [...(edges.get(b) ?? []), i]);
    graph.set(a, edges);
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), each sorted. */
function cycles(graph: Map<string, Map<string, Import[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) result.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return result.sort((a, b) => a.join().localeCompare(b.join()));
}

/** A cycle explained: each edge inside it with the first import that makes it. */
function explain(component: string[], graph: Map<string, Map<string, Import[]>>): string {
  const inside = new Set(component);
  const lines = component.flatMap((a) =>
    [...(graph.get(a) ?? new Map<string, Import[]>())]
      .filter(([b]) => inside.has(b))
      .map(
        ([b, via]) => `  ${a} → ${b}: ${rel(via[0]!.from)}:${via[0]!.line} imports ${rel(via[0]!.to)}${via.length > 1 ? ` (and ${via.length - 1} more)` : ''}`,
      ),
  );
  return [`modules ${component.join(' ↔ ')}:`, ...lines].join('\n');
}

describe('layering of the API', () => {
  const imports = sourceFiles(SRC).flatMap(importsOf);
  const graph = moduleGraph(imports);

  it('reads the imports it checks', () => {
    // Guards the parser: these imports exist in any shape of the code base worth checking.
    expect(imports.length).toBeGreaterThan(100);
    expect(graph.size).toBeGreaterThan(1);
  });

  it('has no import cycle between modules', () => {
    const found = cycles(graph);
    const within = (c: string[], known: string[]) => c.every((m) => known.includes(m));
    const unexpected = found.filter((c) => !KNOWN_CYCLES.some((k) => within(c, k)));
    const gone = KNOWN_CYCLES.filter((k) => !found.some((c) => within(c, k)));
    expect(
      unexpected.map((c) => explain(c, graph)),
      'import cycles between modules',
    ).toEqual([]);
    expect(gone, 'cycles no longer there: remove them from KNOWN_CYCLES').toEqual([]);
  });
});
