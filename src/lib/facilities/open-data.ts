/** Open-data downloads built from the same facility records as the pages. */
import type { Facility } from '../schemas/facility.ts';
import { townshipByCode } from '../../data/district.ts';

/** RFC 7946 FeatureCollection of the facilities that have a position ([lng, lat], WGS-84). */
export function facilitiesToGeoJson(facilities: readonly Facility[]) {
  return {
    type: 'FeatureCollection' as const,
    features: facilities
      .filter((f) => f.location)
      .map(({ location, ...rest }) => ({
        type: 'Feature' as const,
        id: rest.id,
        geometry: { type: 'Point' as const, coordinates: [location!.lng, location!.lat] },
        properties: { ...rest, township_name: townshipByCode(rest.township)?.name, location_verified: location!.verified },
      })),
  };
}
