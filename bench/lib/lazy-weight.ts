/**
 * What a page's JavaScript weighs once its islands have loaded: the files it loads up front (measurePage) plus
 * every chunk reachable through dynamic `import()` from them, with their static imports. Reads dist/ only.
 * Used by tests/unit/map-budget.test.ts and bench/map.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addBytes, bytesOf, measurePage, staticImports, type Bytes } from './page-weight.ts';

/** Relative specifiers of `import("./x.js")` (any quote style, as bundlers write them). */
export function dynamicImports(code: string): string[] {
  return [
    ...new Set([...code.matchAll(/\bimport\(\s*[`'"](\.{1,2}\/[^`'"]+)[`'"]\s*\)/g)].map((m) => m[1]!)),
  ];
}

export interface JsWeight {
  /** loaded with the page, before any island starts */
  eager: { files: string[]; bytes: Bytes };
  /** everything, once every dynamic import has run */
  all: { files: string[]; bytes: Bytes };
}

export function pageJsWeight(distDir: string, page: string): JsWeight {
  const eager = measurePage(distDir, page);
  const seen = new Set(eager.jsFiles);
  const queue = [...eager.jsFiles];
  while (queue.length) {
    const file = queue.shift()!;
    const code = readFileSync(path.join(distDir, file), 'utf8');
    for (const spec of [...staticImports(code), ...dynamicImports(code)]) {
      const target = path.posix.join(path.posix.dirname(file), spec);
      if (seen.has(target)) continue;
      if (!existsSync(path.join(distDir, target)))
        throw new Error(`${file} imports ${spec}, missing from ${distDir}`);
      seen.add(target);
      queue.push(target);
    }
  }
  const sum = (files: string[]) =>
    files.reduce((t, f) => addBytes(t, bytesOf(readFileSync(path.join(distDir, f)))), { raw: 0, gzip: 0 });
  const all = [...seen];
  return {
    eager: { files: eager.jsFiles, bytes: addBytes(eager.js, eager.inlineJs) },
    all: { files: all, bytes: addBytes(sum(all), eager.inlineJs) },
  };
}
