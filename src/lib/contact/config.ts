/** The site's contact numbers: the selected district's configuration (src/districts/<id>/district.ts); see ./numbers.ts. */
import { DISTRICT } from '../../districts/index.ts';
import { consultationFrom, HOTLINE_12345 } from './numbers.ts';

export const CONTACT = {
  /** the district health commission's consultation number; null until the district's configuration lists one */
  consultation: consultationFrom(DISTRICT.consultation_phones),
  hotline: HOTLINE_12345,
} as const;
