/**
 * Content collections. Facilities are YAML files validated by FacilitySchema (docs/data.md). Texts are the long
 * prose pages (policies, privacy) as Markdown, one file per locale: `src/content/texts/<locale>/<name>.md`; the UI
 * dictionaries in src/lib/i18n/ hold only short strings.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { loadFacilities } from './lib/facilities/load.ts';
import { FacilitySchema } from './lib/schemas/facility.ts';
import { TextSchema } from './lib/schemas/text.ts';

const facilities = defineCollection({
  // Our own loader so that an invalid record fails the build naming its file, record and field.
  loader: async () => loadFacilities(),
  schema: FacilitySchema,
});

const texts = defineCollection({
  // ids keep the path as written ("zh-CN/policies"), not lower-cased.
  loader: glob({
    pattern: '*/*.md',
    base: 'src/content/texts',
    generateId: ({ entry }) => entry.replace(/\.md$/, ''),
  }),
  schema: TextSchema,
});

export const collections = { facilities, texts };
