/**
 * The printed questionnaire's QR code (Node, at build time): the address of the online form in the page's language
 * with `?src=paper`, so answers that came through the paper form are counted as such, drawn as SVG markup for
 * src/islands/survey/PaperForm.tsx. The printable page and the admins' upload preview both draw it here, so the
 * browser never loads the QR encoder.
 */
import QRCode from 'qrcode';

export async function paperQr(
  surveyPath: string,
  site: URL | undefined,
): Promise<{ href: string; svg: string }> {
  const href = new URL(`${surveyPath}?src=paper`, site ?? 'http://localhost:4321/').href;
  const svg = await QRCode.toString(href, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { href, svg };
}
