/** Turns react-hook-form's nested errors into the error summary's list: translated message + the field's id. */
import type { FieldErrors } from 'react-hook-form';
import type { FieldError } from '../ErrorSummary.tsx';

/** The id of the element a message belongs to: radios/checkboxes link to their first option. */
export function fieldId(path: string, choice: boolean): string {
  if (path === 'children') return 'children-0-birth_month';
  const id = path.replace(/\./g, '-');
  return choice ? `${id}-0` : id;
}

export function summarise(
  errors: FieldErrors,
  translate: (key: string) => string,
  isChoice: (path: string) => boolean,
): FieldError[] {
  const out: FieldError[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const e = node as { message?: unknown; ref?: unknown; type?: unknown };
    if (typeof e.message === 'string' && (e.type !== undefined || e.ref !== undefined)) {
      out.push({ fieldId: fieldId(path, isChoice(path)), message: translate(e.message) });
      return;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'ref') walk(v, path ? `${path}.${k}` : k);
  };
  walk(errors, '');
  return out;
}
