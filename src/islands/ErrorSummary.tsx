/**
 * GOV.UK-style error summary: a titled box at the top of a form, focused when it appears, linking to each field.
 */
import { useEffect, useRef } from 'react';

export interface FieldError {
  /** id of the input the message belongs to */
  fieldId: string;
  message: string;
}

interface Props {
  title: string;
  errors: FieldError[];
}

export function ErrorSummary({ title, errors }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) box.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={box}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.fieldId + e.message}>
            {e.fieldId ? <a href={`#${e.fieldId}`}>{e.message}</a> : e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
