/**
 * Tap targets (WCAG 2.5.8, held here to the house rule of 44 × 44 CSS px): every page in dist/, zh-CN and en, at
 * 360 px, in normal and large text. Measures every visible link, button, input, select, textarea and summary
 * (and, on the list and map pages, those inside each filter sheet, opened) and fails naming each one under 44 px.
 * Exempt, as WCAG's inline exception: a link in running text — displayed inline inside a paragraph, list item,
 * table cell or the map's credit line that holds other words. A checkbox or radio counts with its label (tapping
 * the label ticks it); any other field counts alone.
 * Staff pages are measured as a visitor sees them (the sign-in form), not signed in.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { distPages } from './data.ts';

test.describe.configure({ mode: 'parallel', timeout: 180_000 });
test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

const MIN = 44;
const CHUNKS = 6;

/** Every target on the page under 44 px, as "page [mode]: what (w×h)". */
async function small(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const name = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('type') ? ` type=${el.getAttribute('type')}` : ''}> "${(
        el.getAttribute('aria-label') ||
        el.textContent ||
        (el as HTMLInputElement).labels?.[0]?.textContent ||
        el.getAttribute('name') ||
        ''
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40)}"`;
    const inline = (a: Element) => {
      if (getComputedStyle(a).display !== 'inline') return false;
      const block = a.parentElement?.closest('p, li, td, dd, figcaption, .leaflet-control-attribution');
      if (!block) return false;
      const rest = (block.textContent ?? '').replace(a.textContent ?? '', '');
      return rest.replace(/[\s·|、,，。:：()（）\-–]/g, '').length >= 2;
    };
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
      const h = el as HTMLElement;
      if ((el as HTMLInputElement).type === 'hidden' || !h.checkVisibility({ visibilityProperty: true }))
        continue;
      if (h.closest('[aria-hidden="true"], [inert]')) continue;
      const r = h.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // A skip link is 1 px until focused; measure it as it shows.
      if (h.classList.contains('skip-link')) continue;
      if (el.tagName === 'A' && inline(el)) continue;
      let { left, top, right, bottom } = r;
      const t = (el as HTMLInputElement).type;
      if (el.tagName === 'INPUT' && (t === 'checkbox' || t === 'radio'))
        for (const l of (el as HTMLInputElement).labels ?? []) {
          const b = l.getBoundingClientRect();
          left = Math.min(left, b.left);
          top = Math.min(top, b.top);
          right = Math.max(right, b.right);
          bottom = Math.max(bottom, b.bottom);
        }
      const w = right - left;
      const hh = bottom - top;
      if (w < min - 0.5 || hh < min - 0.5) out.push(`${name(el)} (${Math.round(w)}×${Math.round(hh)})`);
    }
    return out;
  }, MIN);
}

async function measure(page: Page, path: string, mode: string): Promise<string[]> {
  await page.goto(path);
  const found = (await small(page)).map((s) => `${path} [${mode}]: ${s}`);
  // The filter sheets, each opened.
  for (const id of await page
    .locator('.chip-bar [popovertarget]')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('popovertarget')!))) {
    await page.locator(`#${id}`).evaluate((p) => (p as HTMLElement).showPopover());
    found.push(...(await small(page)).map((s) => `${path} [${mode}] sheet ${id}: ${s}`));
    await page.locator(`#${id}`).evaluate((p) => (p as HTMLElement).hidePopover());
  }
  return found;
}

test('the sweep finds a small target (the test can fail)', async ({ page }) => {
  await page.goto('/about/');
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.textContent = 'x';
    b.style.cssText = 'min-height:0;min-width:0;height:20px;width:30px;padding:0';
    document.querySelector('main')!.append(b);
    const p = document.createElement('p');
    p.innerHTML = 'words around <a href="#x">a link</a> in a sentence';
    document.querySelector('main')!.append(p);
  });
  const found = await small(page);
  expect(found.filter((s) => s.includes('"x"'))).toHaveLength(1);
  expect(found.filter((s) => s.includes('a link'))).toEqual([]);
});

for (const mode of ['normal', 'large'] as const) {
  for (let i = 0; i < CHUNKS; i++) {
    test(`every link, button and field ≥ 44 × 44 px at 360 px, ${mode} text, pages ${i + 1}/${CHUNKS}`, async ({
      page,
    }) => {
      await page.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
      const found: string[] = [];
      for (const path of distPages().filter((_, j) => j % CHUNKS === i))
        found.push(...(await measure(page, path, mode)));
      expect(found, `targets under ${MIN} × ${MIN} px:\n${found.join('\n')}`).toEqual([]);
    });
  }
}
