/** Front matter of a prose page in the `texts` collection (src/content/texts/<locale>/<name>.md). */
import { z } from 'zod';

export const ProsePageSchema = z.strictObject({
  /** The page's title and first heading. */
  title: z.string().trim().min(1),
  /** One paragraph shown under the heading, before the text. */
  summary: z.string().trim().min(1).optional(),
  /** Where the facts come from, shown after the text. */
  source: z.string().trim().min(1).optional(),
});

/** The site's prose pages (src/content/texts/), each once per locale. */
export const SITE_PROSE_PAGES = ['privacy'] as const;
/** A district's own prose (src/districts/<id>/texts/), each once per locale when the district has it. */
export const DISTRICT_PROSE_PAGES = ['policies'] as const;
