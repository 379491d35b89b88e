/**
 * One labelled input with its error message, wired the GOV.UK way: label `for` the input, the message (with a
 * visually hidden "错误：" / "Error:") above it and in `aria-describedby`, `aria-invalid` while wrong.
 */
import type { InputHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  /** the message to show, already translated; absent when the field is fine */
  error?: string;
  errorPrefix: string;
  registration: UseFormRegisterReturn;
}

export function TextField({ id, label, error, errorPrefix, registration, ...input }: Props) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{errorPrefix}</span>
          {error}
        </p>
      )}
      <input
        type="text"
        id={id}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
        {...registration}
      />
    </div>
  );
}
