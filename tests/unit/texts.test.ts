/**
 * Prose is content: every long text exists as Markdown once per locale, with valid front matter, the same number
 * of sections in each language, links that stay in their own locale, and no copy left in the UI dictionaries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { TEXT_NAMES, TextSchema } from '../../src/lib/schemas/text.ts';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { en } from '../../src/lib/i18n/en.ts';

const LOCALES = ['zh-CN', 'en'] as const;
function read(locale: string, name: string) {
  const file = `src/content/texts/${locale}/${name}.md`;
  expect(existsSync(file), file).toBe(true);
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
  expect(m, `${file} starts with front matter`).not.toBeNull();
  return { data: YAML.parse(m![1]!), body: m![2]! };
}

describe.each(TEXT_NAMES)('text "%s"', (name) => {
  const texts = Object.fromEntries(LOCALES.map((l) => [l, read(l, name)]));

  test('front matter is valid in every locale', () => {
    for (const l of LOCALES) expect(TextSchema.safeParse(texts[l]!.data).success, l).toBe(true);
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
