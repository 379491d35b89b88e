/**
 * The printable paper questionnaire (A4) of one questionnaire version, from its definition: the same questions as the
 * phone form, numbered, with the skip logic written out ("选“没有”的，请跳到第 9 题", src/lib/survey-form/paper.ts),
 * the version, a box for the form number staff write on it, a line for the date it was filled in (ages are counted
 * at that date), the consent text, and the QR code of the online form with `?src=paper`. Styles:
 * src/styles/survey-paper.css.
 *
 * One renderer, two uses: /survey/paper/ renders it at build time with no client directive (plain HTML, no script),
 * and the admins' upload page (src/islands/staff/survey/FormUpload.tsx) renders it in the browser as the preview of
 * a workbook before it is published.
 */
import type { FormDefinition } from '../../lib/survey-form/definition.ts';
import { local, type PaperPlan, paperPlan } from '../../lib/survey-form/paper.ts';
import type { surveyPaperZhCN } from '../../lib/i18n/survey-paper/zh-CN.ts';
import { fill } from '../../lib/i18n/fill.ts';
import PaperQuestion from './PaperQuestion.tsx';

export type PaperStrings = Record<keyof typeof surveyPaperZhCN, string>;

/** What every node of the printed form reads. */
export interface PaperContext {
  def: FormDefinition;
  plan: PaperPlan;
  p: PaperStrings;
  locale: 'zh-CN' | 'en';
}

export interface PaperFormProps {
  definition: FormDefinition;
  locale: 'zh-CN' | 'en';
  p: PaperStrings;
  /** the survey's consent text and the label of its box, in the page's language */
  consent: { text: string; label: string };
  /** the online form's address with `?src=paper` and its QR code as SVG markup (src/lib/survey-form/paper-props.node.ts) */
  qr: { href: string; svg: string };
  /** the day `today()` rules are read at when working out the skips (YYYY-MM-DD); today when not given */
  today?: string;
  /** the level of the form's title (1 on its own page, 2 under the staff print page's h1, 3 inside the upload
   * page's preview); the consent and the questions one below */
  titleLevel?: 1 | 2 | 3;
}

const FORM_NO_BOXES = 8;

/** Prints the paper form alone, not the page around it (survey-paper.css hides the rest while html[data-print]). */
export function printPaperForm() {
  const html = document.documentElement;
  html.dataset.print = 'paper';
  window.addEventListener('afterprint', () => delete html.dataset.print, { once: true });
  window.print();
}

export default function PaperForm({
  definition: def,
  locale,
  p,
  consent,
  qr,
  today = new Date().toISOString().slice(0, 10),
  titleLevel = 1,
}: PaperFormProps) {
  const plan = paperPlan(def, today);
  const ctx: PaperContext = { def, plan, p, locale };
  const title = `${local(def.title, locale)}${p['paper.suffix']}`;
  const Title = `h${titleLevel}` as const;
  const Section = `h${titleLevel + 1}` as 'h2' | 'h3' | 'h4';
  return (
    <article className="paper-form" data-version={def.version}>
      <header className="paper-head">
        <div>
          <Title className="paper-title">{title}</Title>
          <p className="paper-version">{fill(p['paper.version'], { version: def.version })}</p>
          <p className="paper-formno">
            <span id="paper-formno-label">{p['paper.formNo']}</span>
            <span className="paper-boxes" role="img" aria-labelledby="paper-formno-label">
              {Array.from({ length: FORM_NO_BOXES }, (_, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: empty boxes, never reordered
                <span className="paper-digit" key={k} />
              ))}
            </span>
          </p>
          <p className="paper-date">
            {p['paper.date']}
            {p['paper.dateBlank']}
          </p>
        </div>
        <figure className="paper-qr">
          <div
            className="paper-qr-code"
            role="img"
            aria-label={`${p['paper.qr']} ${qr.href}`}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG the qrcode package drew from our own address
            dangerouslySetInnerHTML={{ __html: qr.svg }}
          />
          <figcaption>
            {p['paper.qr']}
            <br />
            <span className="paper-url">{qr.href}</span>
          </figcaption>
        </figure>
      </header>
      <p className="paper-how">{p['paper.how']}</p>
      <section className="pq-consent">
        <Section className="pq-consent-title">{p['paper.consent']}</Section>
        <p>{consent.text}</p>
        <p>
          <span className="pq-box" aria-hidden="true" /> {consent.label}
        </p>
      </section>
      {plan.items.map((item) => (
        <PaperQuestion
          key={item.node.name}
          node={item.node}
          item={item}
          ctx={ctx}
          level={(titleLevel + 1) as 2 | 3 | 4}
        />
      ))}
      <p className="paper-end">{p['paper.end']}</p>
    </article>
  );
}
