/** Small helpers for the HTML strings the map builds (marker icons, popups, attribution). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `fill('{n} km', { n: 3 })` → "3 km". */
export { fill } from '../../lib/i18n/fill.ts';
