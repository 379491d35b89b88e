/**
 * The selected district's facts (src/districts/, chosen by TUOYU_DISTRICT): the townships and codes the site,
 * the importer and the survey use. Kept as this module's names so every reader sees one district.
 */
import { DISTRICT, townshipByCode, type Township } from '../districts/index.ts';

export { DISTRICT, townshipByCode };
export type { Township };
export type TownshipCode = string;
export const SOURCES = DISTRICT.sources;
export const TOWNSHIPS: readonly Township[] = DISTRICT.townships;
export const TOWNSHIP_CODES = TOWNSHIPS.map((t) => t.code) as [TownshipCode, ...TownshipCode[]];
