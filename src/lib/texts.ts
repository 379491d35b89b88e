/** The prose pages (policies, privacy) of one locale, from the `texts` content collection. */
import { getEntry, render } from 'astro:content';
import type { Locale } from './i18n/index.ts';
import type { TextName } from './schemas/text.ts';

/** The entry and its rendered Content component; a missing translation fails the build, naming the file. */
export async function getText(locale: Locale, name: TextName) {
  const entry = await getEntry('texts', `${locale}/${name}`);
  if (!entry) throw new Error(`Missing text src/content/texts/${locale}/${name}.md`);
  const { Content } = await render(entry);
  return { data: entry.data, Content };
}
