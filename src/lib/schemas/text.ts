/** Front matter of a prose page in the `texts` collection (src/content/texts/<locale>/<name>.md). */
import { z } from 'zod';

export const TextSchema = z.strictObject({
  /** The page's title and first heading. */
  title: z.string().trim().min(1),
  /** One paragraph shown under the heading, before the text. */
  summary: z.string().trim().min(1).optional(),
  /** Where the facts come from, shown after the text. */
  source: z.string().trim().min(1).optional(),
});
export type Text = z.output<typeof TextSchema>;

/** The site's prose pages (src/content/texts/), each once per locale. */
export const TEXT_NAMES = ['privacy'] as const;
/** A district's own prose (src/districts/<id>/texts/), each once per locale when the district has it. */
export const DISTRICT_TEXT_NAMES = ['policies'] as const;
export type TextName = (typeof TEXT_NAMES)[number] | (typeof DISTRICT_TEXT_NAMES)[number];
