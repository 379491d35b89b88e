/** "Near me": which located facilities lie within a radius of a position, nearest first. Pure. */
import { distanceKm } from '../geo/distance.ts';

/** The radius choices in km; 0 stands for the whole district (no limit). */
export const NEAR_RADII_KM = [1, 3, 5, 10, 0] as const;

export interface Located {
  id: string;
  lngLat: [number, number] | null;
}

export interface Near<T> {
  item: T;
  km: number;
}

/** Facilities within `radiusKm` (0: any distance) of `here` (WGS-84 [lng, lat]), nearest first, ties in input order. */
export function nearby<T extends Located>(
  items: readonly T[],
  here: [number, number],
  radiusKm: number,
): Near<T>[] {
  const out: (Near<T> & { index: number })[] = [];
  items.forEach((item, index) => {
    if (!item.lngLat) return;
    const km = distanceKm(here, item.lngLat);
    if (radiusKm === 0 || km <= radiusKm) out.push({ item, km, index });
  });
  out.sort((a, b) => a.km - b.km || a.index - b.index);
  return out.map(({ item, km }) => ({ item, km }));
}
