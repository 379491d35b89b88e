import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { en } from '../../src/lib/i18n/en.ts';
import {
  localeFromSegment,
  localeParams,
  localePath,
  localeSegment,
  useTranslations,
} from '../../src/lib/i18n/index.ts';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Every dictionary: the site's (src/lib/i18n/zh-CN.ts + en.ts) and each feature's (src/lib/i18n/<feature>/zh-CN.ts
 * + en.ts, one exported object each), found on disk so a new feature is checked without being listed here.
 */
const FEATURES = readdirSync('src/lib/i18n').filter((f) =>
  statSync(path.join('src/lib/i18n', f)).isDirectory(),
);
async function featureDictionary(feature: string, locale: 'zh-CN' | 'en'): Promise<Record<string, string>> {
  const mod: Record<string, unknown> = await import(`../../src/lib/i18n/${feature}/${locale}.ts`);
  const values = Object.values(mod);
  expect(values, `src/lib/i18n/${feature}/${locale}.ts exports one dictionary`).toHaveLength(1);
  return values[0] as Record<string, string>;
}
const DICTIONARIES: [string, Record<string, string>, Record<string, string>][] = [
  ['site', zhCN, en],
  ...(await Promise.all(
    FEATURES.map(
      async (f) =>
        [f, await featureDictionary(f, 'zh-CN'), await featureDictionary(f, 'en')] as [
          string,
          Record<string, string>,
          Record<string, string>,
        ],
    ),
  )),
];

describe('dictionaries', () => {
  test('the feature dictionaries are found', () => {
    expect(FEATURES).toEqual(expect.arrayContaining(['lectures', 'lectures-staff', 'staff']));
  });

  test.each(DICTIONARIES)('%s: zh-CN and en have exactly the same keys', (_, zh, english) => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(zh).length).toBeGreaterThan(5);
  });

  test('a key lives in one dictionary only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, zh] of DICTIONARIES)
      for (const key of Object.keys(zh)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${name}`);
        seen.set(key, name);
      }
    expect(twice).toEqual([]);
  });

  test.each(DICTIONARIES)('%s: no empty values', (_, zh, english) => {
    const empty = [...Object.entries(zh), ...Object.entries(english)]
      .filter(([, v]) => !v.trim())
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  test.each(DICTIONARIES)('%s: every key has the same {placeholders} in both locales', (_, zh, english) => {
    const differ = Object.keys(zh)
      .filter((k) => placeholders(zh[k]!).join() !== placeholders(english[k] ?? '').join())
      .map((k) => `${k}: zh-CN {${placeholders(zh[k]!)}} vs en {${placeholders(english[k] ?? '')}}`);
    expect(differ).toEqual([]);
  });

  test.each(DICTIONARIES)(
    '%s: English strings are English: Chinese only as a gloss in (…) or "…", or to name the Chinese version',
    (_, __, english) => {
      const allowed = new Set(['lang.switchTo', 'lang.switchToLabel']);
      const chinese = Object.entries(english)
        .filter(([k, v]) => !allowed.has(k) && /[\u4e00-\u9fff]/.test(v.replace(/\([^)]*\)|"[^"]*"/g, '')))
        .map(([k, v]) => `${k}: ${v}`);
      expect(chinese).toEqual([]);
    },
  );
});

/** Every source file under src/ but the dictionaries themselves, as one text. */
function sourceText(): string {
  return readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|astro)$/.test(f) && !/i18n[\\/](.+[\\/])?(zh-CN|en)\.ts$/.test(f))
    .map((f) => readFileSync(path.join('src', f), 'utf8'))
    .join('\n');
}

/** A key is used when src/ names it, or builds it from a named prefix (`type.${t}`, 'type.' + t). */
function isUsed(key: string, source: string): boolean {
  const quoted = (s: string) => [`'${s}`, `"${s}`, `\`${s}`];
  if (quoted(key).some((q) => source.includes(`${q}${q[0] === '`' ? '`' : q[0]}`))) return true;
  const parts = key.split('.');
  for (let i = 1; i < parts.length; i++) {
    const prefix = `${parts.slice(0, i).join('.')}.`;
    if (
      source.includes(`\`${prefix}\${`) ||
      source.includes(`'${prefix}' +`) ||
      source.includes(`"${prefix}" +`)
    )
      return true;
  }
  return false;
}

describe('no dead strings', () => {
  const source = sourceText();
  test('the check sees literal and built keys', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source text with a template literal in it
    const sample = "t('a.b'); s[`c.d.${x}`]; 'e.' + y;";
    expect(['a.b', 'c.d.e', 'e.f', 'a.c', 'c.e'].map((k) => isUsed(k, sample))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  test.each(DICTIONARIES)('%s: every key is used somewhere in src/', (_, zh) => {
    expect(Object.keys(zh).filter((k) => !isUsed(k, source))).toEqual([]);
  });
});

describe('useTranslations', () => {
  test('looks up the locale and replaces variables', () => {
    expect(useTranslations('en')('list.count', { shown: 3, total: 9 })).toBe(
      en['list.count'].replace('{shown}', '3').replace('{total}', '9'),
    );
    expect(useTranslations('zh-CN')('list.count', { shown: 3, total: 9 })).toBe('共 3 家（全部 9 家）');
    expect(useTranslations('zh-CN')('common.monthsRange', { min: 6, max: 36 })).toBe('6–36 个月');
    expect(useTranslations('en')('nav.home')).toBe('Home');
  });

  test('a variable that is not given stays visible as {name}; 0 is a value', () => {
    expect(useTranslations('zh-CN')('list.count', { shown: 0 })).toBe('共 0 家（全部 {total} 家）');
  });
});

describe('locale paths', () => {
  test('localePath', () => {
    expect(localePath('zh-CN', '/facilities/')).toBe('/facilities/');
    expect(localePath('en', '/facilities/')).toBe('/en/facilities/');
    expect(localePath('en', 'facilities/demo-x/')).toBe('/en/facilities/demo-x/');
    expect(localePath('zh-CN', 'policies/')).toBe('/policies/');
    expect(localePath('en', '/')).toBe('/en/');
  });

  test('segments and route params', () => {
    expect([localeSegment('zh-CN'), localeSegment('en')]).toEqual([undefined, 'en']);
    expect([localeFromSegment(undefined), localeFromSegment('en'), localeFromSegment('fr')]).toEqual([
      'zh-CN',
      'en',
      'zh-CN',
    ]);
    expect(localeParams()).toEqual([
      { params: { lang: undefined }, props: { locale: 'zh-CN' } },
      { params: { lang: 'en' }, props: { locale: 'en' } },
    ]);
  });
});

/**
 * The template part of an .astro file with everything that is not literal UI text removed: the frontmatter,
 * comments, <script>/<style> blocks and {…} expressions (strings in them may hold braces, so those are skipped).
 */
function literalTemplateText(source: string): string {
  let text = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
  text = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '');
  let out = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth === 0) {
      if (c === '{') depth = 1;
      else out += c;
    } else if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return out;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;

describe('no hard-coded Chinese UI text in .astro templates', () => {
  test('the scanner finds literal text and ignores expressions, frontmatter and comments', () => {
    const sample =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is Astro source text with a template literal in it
      '---\nconst a = "首页";\n---\n<!-- 注释 --><p title="标题">{t("x")} {`模板 ${"{"}`} 正文</p><style>/* 样式 */</style>';
    expect(literalTemplateText(sample).match(CJK)).toEqual(['标题', '正文']);
  });

  test('every .astro file under src/', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.astro'),
    );
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => {
      const hits = literalTemplateText(readFileSync(path.join('src', f), 'utf8')).match(CJK) ?? [];
      return hits.map((h) => `src/${f}: "${h}"`);
    });
    expect(found).toEqual([]);
  });
});
