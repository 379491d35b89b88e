/**
 * The lookup behind refusalText, without any table: islands with a tight JavaScript budget (the families' survey
 * form) get their locale's table as a prop, rendered into the HTML at build time (localeRefusals in index.ts).
 */
export interface LocaleRefusals {
  /** machine code → text in one language */
  texts: Record<string, string>;
  /** for an unknown code; `{code}` is replaced by it */
  generic: string;
}

export type RefusalLike = { details?: string | null; code?: string | null } | null | undefined;

export function refusalFrom(table: LocaleRefusals, error: RefusalLike): string {
  const key = error?.details ?? '';
  if (Object.hasOwn(table.texts, key)) return table.texts[key];
  return table.generic.replace('{code}', key || error?.code || 'unknown');
}
