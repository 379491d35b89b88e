/**
 * Every byte of JavaScript a page can run: its module scripts and inline scripts (measurePage), the component and
 * renderer of each Astro island (`component-url`, `renderer-url`, loaded at hydration), and everything those
 * reach through static and dynamic imports. Reads dist/ only. Used by tests/unit/survey-budget.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dynamicImports } from './lazy-weight.ts';
import { addBytes, bytesOf, measurePage, pageFile, staticImports, type Bytes } from './page-weight.ts';

/** The `component-url` and `renderer-url` files of the page's islands, as dist-relative paths. */
export function islandEntries(html: string): string[] {
  return [...new Set([...html.matchAll(/\b(?:component|renderer)-url="\/([^"]+\.js)"/g)].map((m) => m[1]!))];
}

export function allPageJs(distDir: string, page: string): { files: string[]; bytes: Bytes } {
  const eager = measurePage(distDir, page);
  const html = readFileSync(pageFile(distDir, page), 'utf8');
  const seen = new Set([...eager.jsFiles, ...islandEntries(html)]);
  const queue = [...seen];
  while (queue.length) {
    const file = queue.shift()!;
    const code = readFileSync(path.join(distDir, file), 'utf8');
    // Bare specifiers (left unresolved by the bundler) are not files of dist/: they cannot load in a browser.
    for (const spec of [...staticImports(code), ...dynamicImports(code)].filter((x) => x.startsWith('.'))) {
      const target = path.posix.join(path.posix.dirname(file), spec);
      if (seen.has(target)) continue;
      if (!existsSync(path.join(distDir, target)))
        throw new Error(`${file} imports ${spec}, missing from ${distDir}`);
      seen.add(target);
      queue.push(target);
    }
  }
  const files = [...seen].sort();
  const bytes = files.reduce(
    (t, f) => addBytes(t, bytesOf(readFileSync(path.join(distDir, f)))),
    eager.inlineJs,
  );
  return { files, bytes };
}
