/**
 * What the printed questionnaire (src/islands/survey/PaperForm.tsx) needs beside a definition, in one language, made
 * at build time (Node): its words, the consent text and box label of the online form, and the QR code of the online
 * form with `?src=paper` (so answers that came through the paper form are counted as such) drawn as SVG. The
 * printable page, the admins' upload preview and the staff print page all take it from here, so the browser never
 * loads the QR encoder.
 */
import QRCode from 'qrcode';
import { localePath, type Locale } from '../i18n/index.ts';
import { surveyStrings } from '../i18n/survey/index.ts';
import { surveyPaperEn } from '../i18n/survey-paper/en.ts';
import { surveyPaperZhCN } from '../i18n/survey-paper/zh-CN.ts';

export async function paperFormProps(locale: Locale, site: URL | undefined) {
  const s = surveyStrings(locale);
  const href = new URL(`${localePath(locale, '/survey/')}?src=paper`, site ?? 'http://localhost:4321/').href;
  return {
    p: locale === 'en' ? surveyPaperEn : surveyPaperZhCN,
    consent: { text: s['survey.consent.text'], label: s['survey.consent.label'] },
    qr: { href, svg: await QRCode.toString(href, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) },
  };
}
