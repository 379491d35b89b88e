/** The prose pages of one locale: the site's (privacy) and the selected district's own (policies). */
import { getEntry, render } from 'astro:content';
import { DISTRICT } from '../districts/index.ts';
import type { Locale } from './i18n/index.ts';
import type { DISTRICT_PROSE_PAGES, SITE_PROSE_PAGES } from './schemas/prose-page.ts';

/** A site text and its rendered Content component; a missing translation fails the build, naming the file. */
export async function getProsePage(locale: Locale, name: (typeof SITE_PROSE_PAGES)[number]) {
  const entry = await getEntry('texts', `site/${locale}/${name}`);
  if (!entry) throw new Error(`Missing text src/content/texts/${locale}/${name}.md`);
  const { Content } = await render(entry);
  return { data: entry.data, Content };
}

/**
 * The district's own text (e.g. its policies, quoted from its commission's report), or null when the district has
 * none yet: the page then says so instead of borrowing another district's words. Half a translation fails the build.
 */
export async function getDistrictProsePage(locale: Locale, name: (typeof DISTRICT_PROSE_PAGES)[number]) {
  const [entry, other] = await Promise.all([
    getEntry('texts', `district/${locale}/${name}`),
    getEntry('texts', `district/${locale === 'en' ? 'zh-CN' : 'en'}/${name}`),
  ]);
  if (!entry && !other) return null;
  if (!entry)
    throw new Error(
      `Missing text src/districts/${DISTRICT.id}/texts/${locale}/${name}.md (the other language has it)`,
    );
  const { Content } = await render(entry);
  return { data: entry.data, Content };
}
