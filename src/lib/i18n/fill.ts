/** The one template helper: `fill('{n} 个空位', { n: 3 })`. A name it is not given stays as written, never "undefined". */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
