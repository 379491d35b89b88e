/**
 * Content collections. Facilities are YAML files validated by FacilitySchema (docs/data.md). Texts are the long
 * prose pages (policies, privacy) as Markdown, one file per locale: `src/content/texts/<locale>/<name>.md`; the UI
 * dictionaries in src/lib/i18n/ hold only short strings.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { loadFacilities } from './lib/facilities/load.ts';
import { facilitiesApi, loadFacilitiesFromApi } from './lib/facilities/load-api.ts';
import { FacilitySchema } from './lib/schemas/facility.ts';
import { ProsePageSchema } from './lib/schemas/prose-page.ts';
import { DISTRICT } from './districts/index.ts';

const facilities = defineCollection({
  // Our own loader so that an invalid record fails the build naming its file, record and field. With
  // FACILITIES_API_URL in the build environment, the database is the source: one facility_catalogue() call.
  loader: async () => {
    const api = facilitiesApi();
    return api ? loadFacilitiesFromApi(api) : loadFacilities();
  },
  schema: FacilitySchema,
});

const texts = defineCollection({
  // The site's texts (src/content/texts/<locale>/<name>.md) and the selected district's own
  // (src/districts/<id>/texts/<locale>/<name>.md: its policies); ids "site/zh-CN/privacy", "district/zh-CN/policies".
  loader: glob({
    pattern: ['content/texts/*/*.md', `districts/${DISTRICT.id}/texts/*/*.md`],
    base: 'src',
    generateId: ({ entry }) =>
      entry
        .replace(/^content\/texts\//, 'site/')
        .replace(/^districts\/[^/]+\/texts\//, 'district/')
        .replace(/\.md$/, ''),
  }),
  schema: ProsePageSchema,
});

export const collections = { facilities, texts };
