/**
 * One question of the phone form: single choice (answers that move on with one tap; a choice made with the keyboard
 * never moves on), multiple choice as checkboxes, or an integer / month / date / text input; its hint and error.
 */
import { type ReactNode, useRef } from 'react';
import type { QuestionNode } from '../../../lib/survey-form/definition.ts';
import { visibleChoices } from '../../../lib/survey-form/evaluate.ts';
import ErrorText from './ErrorText.tsx';
import { idOf, text, valueAt, type View } from './view.ts';

export default function QuestionView({
  q,
  path,
  heading,
  instance,
  local,
  blockLabel,
  def,
  locale,
  t,
  at,
  answers,
  errors,
  set,
}: View & {
  q: QuestionNode;
  path: string;
  heading: boolean;
  instance?: Record<string, unknown>;
  local?: ReadonlySet<string>;
  blockLabel?: string;
}) {
  const id = idOf(path);
  const err = errors[path];
  const prefix = t['form.error.prefix'];
  const value = valueAt(answers, path);
  const keyboard = useRef(false);
  const label = `${blockLabel ? `${blockLabel}：` : ''}${text(q.label, locale)}${q.required || q.other_of ? '' : ` ${t['form.optional']}`}`;
  const title: ReactNode = heading ? (
    <h2 className="question" tabIndex={-1}>
      {label}
    </h2>
  ) : (
    <span className="question-small">{label}</span>
  );
  const hint = q.hint && <p className="hint">{text(q.hint, locale)}</p>;
  if (q.type === 'select_one' || q.type === 'select_multiple') {
    const many = q.type === 'select_multiple';
    const picked = many ? ((value as string[] | undefined) ?? []) : [value];
    const choices = visibleChoices(q, def, answers, at, instance, local);
    return (
      <div className={err ? 'field has-error' : 'field'}>
        <fieldset aria-describedby={err ? `${id}-error` : undefined}>
          <legend>{title}</legend>
          {hint}
          <ErrorText id={id} text={err} prefix={prefix} />
          {/* A choice made with the keyboard (arrow keys move and choose) never moves on: the button does. */}
          <div className="choices">
            {choices.map((c, i) => (
              <label
                key={c.name}
                className="check choice"
                htmlFor={`${id}-${i}`}
                onPointerDown={() => {
                  keyboard.current = false;
                }}
              >
                <input
                  type={many ? 'checkbox' : 'radio'}
                  id={`${id}-${i}`}
                  name={id}
                  value={c.name}
                  checked={picked.includes(c.name)}
                  onKeyDown={() => {
                    keyboard.current = true;
                  }}
                  onChange={(e) =>
                    set(
                      path,
                      many
                        ? e.target.checked
                          ? [...picked, c.name]
                          : picked.filter((x) => x !== c.name)
                        : c.name,
                      !many && !keyboard.current,
                    )
                  }
                  onClick={() => {
                    // A tap on the answer already chosen moves on too (the change event does not fire).
                    if (!many && value === c.name && !keyboard.current) set(path, c.name, true);
                  }}
                />
                {text(c.label, locale)}
              </label>
            ))}
          </div>
        </fieldset>
        {heading && !many && <p className="hint one-tap">{t['form.oneTap']}</p>}
      </div>
    );
  }
  return (
    <div className={err ? 'field has-error' : 'field'}>
      {heading && title}
      {hint}
      <label htmlFor={id}>{heading ? text(q.label, locale) : label}</label>
      <ErrorText id={id} text={err} prefix={prefix} />
      <input
        id={id}
        type={q.type === 'month' ? 'month' : q.type === 'date' ? 'date' : 'text'}
        inputMode={q.type === 'integer' || q.appearance === 'numbers' ? 'numeric' : undefined}
        autoComplete="off"
        aria-invalid={!!err}
        aria-describedby={err ? `${id}-error` : undefined}
        value={typeof value === 'number' ? String(value) : ((value as string | undefined) ?? '')}
        onChange={(e) => {
          const raw = e.target.value;
          set(path, q.type === 'integer' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);
        }}
      />
    </div>
  );
}
