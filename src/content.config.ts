/** Content collections. Facilities are YAML files validated by FacilitySchema (docs/data.md). */
import { defineCollection } from 'astro:content';
import { loadFacilities } from './lib/facilities/load.ts';
import { FacilitySchema } from './lib/schemas/facility.ts';

const facilities = defineCollection({
  // Our own loader so that an invalid record fails the build naming its file, record and field.
  loader: async () => loadFacilities(),
  schema: FacilitySchema,
});

export const collections = { facilities };
