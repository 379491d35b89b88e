/**
 * No import cycle under src/: every module's relative imports (static, dynamic, re-exports; in .astro files the
 * frontmatter and scripts) are followed, and a cycle fails with its path. Type-only imports (`import type`,
 * `export type`) are left out: they vanish at build time, so a cycle through one cannot change which module runs
 * first — but a value import must never close a circle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = 'src';
const EXTENSIONS = ['.ts', '.tsx', '.astro', '.mjs', '.js'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return EXTENSIONS.includes(path.extname(name)) ? [full] : [];
  });
}

/** `import … from './x'`, `export … from './x'`, `import './x'`, `import('./x')`, minus the type-only ones. */
function valueImports(source: string): string[] {
  const specs: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) {
    if (m[2]) continue; // import type / export type
    // `import { type A, type B } from` imports types only, too
    const names = m[3]!.match(/^\{([^}]*)\}$/)?.[1];
    if (names?.split(',').every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
    specs.push(m[4]!);
  }
  for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.join(path.dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e)])
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.normalize(candidate);
  return null;
}

/** Every cycle found by a depth-first walk, each as the list of files that close it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('imports under src/', () => {
  test('the checker finds a cycle when there is one, and reads type-only imports as none', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      valueImports(
        [
          "import type { A } from './a.ts';",
          "import { type B, type C } from './b.ts';",
          "export type { D } from './d.ts';",
          "import { e, type E } from './e.ts';",
          "export { f } from './f.ts';",
          "import './g.css';",
          "const h = await import('./h.ts');",
        ].join('\n'),
      ),
    ).toEqual(['./e.ts', './f.ts', './g.css', './h.ts']);
  });

  test('no module imports itself through a circle of value imports', () => {
    const graph = new Map<string, string[]>();
    for (const file of files(ROOT)) {
      const targets = valueImports(readFileSync(file, 'utf8'))
        .map((spec) => resolve(file, spec))
        .filter((t): t is string => t !== null);
      graph.set(file, targets);
    }
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
