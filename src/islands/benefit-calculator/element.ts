/**
 * <benefit-calc>: the child's birth year-month → months of 育儿补贴 and the amount per calendar year and in
 * total (src/lib/family-benefits-rule.ts). Plain DOM, no framework; the page holds the form (hidden until this
 * runs) and, for readers without JavaScript, a table by birth year that says the same.
 */
import { subsidyFor } from '../../lib/family-benefits-rule.ts';

interface Labels {
  year: string;
  total: string;
  about: string;
  none: string;
  invalid: string;
}

const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k) => String(v[k]));
const yuan = (n: number) => n.toLocaleString('en-US');

class BenefitCalc extends HTMLElement {
  connectedCallback() {
    const labels = JSON.parse(this.dataset.labels!) as Labels;
    const form = this.querySelector('form')!;
    const input = form.querySelector('input')!;
    const out = this.querySelector('output')!;
    form.hidden = false;
    const show = () => {
      const m = /^(\d{4})-(\d{2})$/.exec(input.value);
      if (!m) {
        out.textContent = input.value ? labels.invalid : '';
        return;
      }
      const r = subsidyFor(Number(m[1]), Number(m[2]));
      const about = r.approximate ? labels.about : '';
      if (!r.months) {
        out.textContent = about + labels.none;
        return;
      }
      const lines = Object.entries(r.byYear).map(([y, n]) =>
        fill(labels.year, { y, n, amount: yuan(n * 300) }),
      );
      out.replaceChildren(
        ...[...lines, about + fill(labels.total, { n: r.months, amount: yuan(r.total) })].map((t) => {
          const p = document.createElement('p');
          p.textContent = t;
          return p;
        }),
      );
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      show();
    });
    input.addEventListener('change', show);
  }
}

customElements.define('benefit-calc', BenefitCalc);
