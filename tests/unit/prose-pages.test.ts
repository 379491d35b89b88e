/**
 * Prose is content: every long text exists as Markdown once per locale, with valid front matter, the same number
 * of sections in each language, links that stay in their own locale, and no copy left in the UI dictionaries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { DISTRICT_PROSE_PAGES, SITE_PROSE_PAGES, ProsePageSchema } from '../../src/lib/schemas/prose-page.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { en } from '../../src/lib/i18n/en.ts';

const LOCALES = ['zh-CN', 'en'] as const;
/** The site's texts, and each district's own where it has them (Guichi: its policies). */
const FILES: [string, (locale: string) => string][] = [
  ...SITE_PROSE_PAGES.map(
    (n) => [n, (l: string) => `src/content/texts/${l}/${n}.md`] as [string, (l: string) => string],
  ),
  ...Object.keys(DISTRICTS).flatMap((id) =>
    DISTRICT_PROSE_PAGES.filter((n) => existsSync(`src/districts/${id}/texts/zh-CN/${n}.md`)).map(
      (n) =>
        [`${id}/${n}`, (l: string) => `src/districts/${id}/texts/${l}/${n}.md`] as [
          string,
          (l: string) => string,
        ],
    ),
  ),
];

function read(file: string) {
  expect(existsSync(file), file).toBe(true);
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
  expect(m, `${file} starts with front matter`).not.toBeNull();
  return { data: YAML.parse(m![1]!), body: m![2]! };
}

describe.each(FILES)('text "%s"', (label, path) => {
  const name = label.split('/').at(-1)!;
  const texts = Object.fromEntries(LOCALES.map((l) => [l, read(path(l))]));

  test('front matter is valid in every locale', () => {
    for (const l of LOCALES) expect(ProsePageSchema.safeParse(texts[l]!.data).success, l).toBe(true);
  });

  test('the same sections and lists in both languages', () => {
    const count = (body: string, re: RegExp) => body.match(re)?.length ?? 0;
    expect(count(texts.en!.body, /^## /gm)).toBe(count(texts['zh-CN']!.body, /^## /gm));
    expect(count(texts.en!.body, /^- /gm)).toBe(count(texts['zh-CN']!.body, /^- /gm));
  });

  test('site links stay in their own locale', () => {
    const links = (body: string) => [...body.matchAll(/\]\((\/[^)]*)\)/g)].map((m) => m[1]!);
    expect(links(texts.en!.body)).toEqual(links(texts['zh-CN']!.body).map((href) => `/en${href}`));
  });

  test('its copy is no longer in the UI dictionaries', () => {
    for (const dict of [zhCN, en])
      expect(Object.keys(dict).filter((k) => k.startsWith(`${name}.`))).toEqual([]);
  });
});
