/** The site's contact numbers from the build's settings (astro:env); see ./numbers.ts. */
import { PUBLIC_CONSULT_PHONE } from 'astro:env/client';
import { HOTLINE_12345, parseConsultPhone } from './numbers.ts';

export const CONTACT = {
  /** the district health commission's consultation number; null until the district sets PUBLIC_CONSULT_PHONE */
  consultation: parseConsultPhone(PUBLIC_CONSULT_PHONE),
  hotline: HOTLINE_12345,
} as const;
