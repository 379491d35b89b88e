/**
 * One question answered by radio buttons or checkboxes: a fieldset whose legend is the question, the error (with
 * its visually hidden "错误：") in aria-describedby, option ids `${name}-${i}` (the error summary links
 * to the first).
 */
import { type ReactNode, useRef } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface Props {
  name: string;
  legend: ReactNode;
  options: readonly string[];
  label: (value: string) => string;
  multiple?: boolean;
  error?: string;
  errorPrefix: string;
  registration: UseFormRegisterReturn;
  /** a question heading (h2) when this is the only question of its step */
  heading?: boolean;
  /** Called when a radio is chosen by a tap or click (not by arrow keys, which change the choice as they move). */
  onPick?: (value: string) => void;
}

/** A field's error message, `${id}-error`, starting with a visually hidden "错误：". */
export function ErrorText({ id, text, prefix }: { id: string; text?: string; prefix: string }) {
  return text ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{prefix}</span>
      {text}
    </p>
  ) : null;
}

export function ChoiceGroup({
  name,
  legend,
  options,
  label,
  multiple,
  error,
  errorPrefix,
  registration,
  heading,
  onPick,
}: Props) {
  const keyboard = useRef(false);
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <fieldset aria-describedby={error && `${name}-error`}>
        <legend>
          {heading ? (
            <h2 className="question" tabIndex={-1}>
              {legend}
            </h2>
          ) : (
            <span className="question-small">{legend}</span>
          )}
        </legend>
        <ErrorText id={name} text={error} prefix={errorPrefix} />
        {/* A choice made with the keyboard (arrow keys move and choose) never moves on: the button does. */}
        <div className="choices">
          {options.map((value, i) => (
            <label
              className="check choice"
              key={value}
              htmlFor={`${name}-${i}`}
              onPointerDown={() => {
                keyboard.current = false;
              }}
            >
              <input
                type={multiple ? 'checkbox' : 'radio'}
                id={`${name}-${i}`}
                value={value}
                {...registration}
                onKeyDown={() => {
                  keyboard.current = true;
                }}
                onClick={onPick && !multiple ? () => keyboard.current || onPick(value) : undefined}
              />
              {label(value)}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
