import type { Answers, FormDefinition, FormNode, QuestionNode } from '../../../lib/survey-form/definition.ts';
import { isAnswered, isRelevant, localNames } from '../../../lib/survey-form/evaluate.ts';
import type { FormStep } from '../../../lib/survey-form/steps.ts';
import { type FormStrings, type Lang, text } from './view.ts';

/** Check your answers: every question still asked, its label, the answer in words, and a change button. */
export default function CheckList({
  def,
  order,
  answers,
  locale,
  t,
  at,
  onChange,
}: {
  def: FormDefinition;
  order: FormStep[];
  answers: Answers;
  locale: Lang;
  t: FormStrings;
  at: string;
  onChange: (step: string) => void;
}) {
  const say = (q: QuestionNode, v: unknown): string => {
    if (!isAnswered(v)) return t['form.check.none'];
    const choice = (name: string) =>
      text(def.choices[q.list ?? '']?.find((c) => c.name === name)?.label, locale) || name;
    if (q.type === 'select_one') return choice(String(v));
    if (q.type === 'select_multiple') return (v as string[]).map(choice).join(locale === 'en' ? ', ' : '、');
    return String(v);
  };
  const rows: { key: string; label: string; value: string; step: string }[] = [];
  const walk = (
    nodes: FormNode[],
    step: string,
    values: Answers,
    prefix = '',
    inst?: Answers,
    local?: ReadonlySet<string>,
  ) => {
    for (const n of nodes) {
      if (!isRelevant(n, answers, at, inst, local) || n.kind === 'note') continue;
      if (n.kind === 'group') walk(n.children, step, values, prefix, inst, local);
      else if (n.kind === 'repeat') {
        const names = localNames(n.children);
        ((values[n.name] as Answers[] | undefined) ?? []).forEach((b, i) => {
          walk(n.children, step, b, `${t['form.block'].replace('{n}', String(i + 1))}：`, b, names);
        });
      } else
        rows.push({
          key: `${step}.${prefix}${n.name}`,
          label: prefix + text(n.label, locale),
          value: say(n, values[n.name]),
          step,
        });
    }
  };
  for (const s of order) walk(s.nodes, s.name, answers);
  return (
    <>
      <h2 className="question" tabIndex={-1}>
        {t['form.check.title']}
      </h2>
      <dl className="summary-list">
        {rows.map((r) => (
          <div key={r.key} className="summary-row">
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
            <dd>
              <button type="button" className="link-button" onClick={() => onChange(r.step)}>
                {t['form.check.change']}
                <span className="visually-hidden"> {r.label}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
