/**
 * One node of the printed questionnaire (PaperForm.tsx): a question with its boxes or blanks, a note, a group (a
 * heading and its questions) or a repeat (one block per child). A top-level item carries its skip instructions from
 * paperPlan(); a node whose `relevant` no jump covers says when to answer it.
 *
 * The data-* attributes are what tests/support/paper-pen.ts reads to follow the printed form with a pen.
 */
import type { FormNode, QuestionNode } from '../../lib/survey-form/definition.ts';
import { refsOf } from '../../lib/survey-form/expr.ts';
import { describeCondition, local, type PaperItem, type Target } from '../../lib/survey-form/paper.ts';
import { fill } from '../../lib/i18n/fill.ts';
import type { PaperContext } from './PaperForm.tsx';

interface Props {
  node: FormNode;
  ctx: PaperContext;
  /** the plan's item, for a top-level node */
  item?: PaperItem;
  /** heading level of the node's title (a group's questions one below, at most h6) */
  level: 2 | 3 | 4 | 5 | 6;
}

/** "答完本题请跳到第 10 题", or "第 1 题选“…”的，答完本题请跳到第 17 题" when the answers that ask it part ways. */
function afterText(j: PaperItem['afterJumps'][number], ctx: PaperContext): string {
  const { def, plan, p, locale } = ctx;
  if (!j.when) return target(j.target, p['paper.after'], p['paper.afterEnd']);
  const { question, choices } = j.when;
  const q = [...plan.questions.values()].find((x) => x.number === question && x.type === 'select_one');
  const whenText = choices
    .map((c) => {
      const choice = q ? (def.choices[q.list ?? ''] ?? []).find((x) => x.name === c) : undefined;
      return fill(p['paper.cond.chose'], { n: question, choice: choice ? local(choice.label, locale) : c });
    })
    .join(p['paper.cond.or']);
  return target(j.target, p['paper.afterWhen'], p['paper.afterWhenEnd'], { when: whenText });
}

const target = (t: Target, withN: string, end: string, vars: Record<string, string | number> = {}) =>
  t === 'end' ? fill(end, vars) : fill(withN, { ...vars, n: t });

function AfterJumps({ item, ctx }: { item?: PaperItem; ctx: PaperContext }) {
  return item?.afterJumps.map((j) => (
    <p
      key={`${j.target}-${j.when?.choices.join(' ')}`}
      className="pq-after"
      data-after-target={String(j.target)}
      data-after-question={j.when?.question}
      data-after-when={j.when?.choices.join(' ')}
    >
      {'→ '}
      {afterText(j, ctx)}
    </p>
  ));
}

export default function PaperQuestion({ node, ctx, item, level }: Props) {
  const { def, plan, p, locale } = ctx;
  const text = (t: Parameters<typeof local>[0]) => local(t, locale);
  const words = {
    chose: p['paper.cond.chose'],
    ticked: p['paper.cond.ticked'],
    notChose: p['paper.cond.notChose'],
    filled: p['paper.cond.filled'],
    or: p['paper.cond.or'],
    and: p['paper.cond.and'],
  };
  // A top-level item whose `relevant` reads single-choice questions only is covered by those questions' jumps.
  const governed =
    !!item &&
    node.kind !== 'note' &&
    !!node.relevant &&
    [...refsOf(node.relevant)].every((r) => plan.questions.get(r)?.type === 'select_one');
  const when = node.relevant && !governed ? describeCondition(node.relevant, def, plan, locale, words) : null;
  const Heading = `h${level}` as const;
  const sub = Math.min(level + 1, 6) as Props['level'];
  const choicesOf = (q: QuestionNode) => def.choices[q.list ?? ''] ?? [];

  if (node.kind === 'note')
    return (
      <p className="pq-note" data-note={node.name}>
        {when && <span className="pq-if">{fill(p['paper.noteIf'], { when })}</span>}
        {text(node.label)}
      </p>
    );

  if (node.kind === 'group' || node.kind === 'repeat') {
    const blocks = node.kind === 'repeat' ? Math.min(node.max ?? 3, 3) : 0;
    return (
      <section className="pq-group" data-group={node.name} data-item={item?.number}>
        {node.label && <Heading className="pq-group-title">{text(node.label)}</Heading>}
        {when && (
          <p className="pq-if" data-if>
            （{fill(p['paper.onlyIf'], { when })}）
          </p>
        )}
        {node.kind === 'group' &&
          node.children.map((child) => <PaperQuestion key={child.name} node={child} ctx={ctx} level={sub} />)}
        {Array.from({ length: blocks }, (_, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the blocks are numbered, never reordered
          <div className="pq-block" key={k}>
            <p className="pq-block-title">{fill(p['paper.block'], { n: k + 1 })}</p>
            {node.children.map((child) => (
              <PaperQuestion key={child.name} node={child} ctx={ctx} level={sub} />
            ))}
          </div>
        ))}
        <AfterJumps item={item} ctx={ctx} />
      </section>
    );
  }

  if (node.other_of) return null;
  const label = text(node.label);
  const optional = !node.required;
  const otherText = [...plan.questions.values()].find((o) => o.other_of === node.name);
  return (
    <section className="pq" data-question={node.name} data-number={node.number} data-item={item?.number}>
      <Heading className="pq-title">
        <span className="pq-n">{node.number}.</span> {label}
        {node.type === 'select_one' && <span className="pq-kind">（{p['paper.single']}）</span>}
        {node.type === 'select_multiple' && !label.includes(p['paper.multiple']) && (
          <span className="pq-kind">（{p['paper.multiple']}）</span>
        )}
        {optional && !label.includes(p['paper.optional']) && (
          <span className="pq-kind">（{p['paper.optional']}）</span>
        )}
      </Heading>
      {when && (
        <p className="pq-if" data-if>
          （{fill(p['paper.onlyIf'], { when })}）
        </p>
      )}
      {node.hint && <p className="pq-hint">{text(node.hint)}</p>}
      {(node.type === 'select_one' || node.type === 'select_multiple') && (
        <ul className={node.type === 'select_one' ? 'pq-choices one' : 'pq-choices many'}>
          {choicesOf(node).map((c) => {
            const jump = item?.choiceJumps[c.name];
            return (
              <li key={c.name}>
                <span className="pq-box" aria-hidden="true" />
                {text(c.label)}
                {jump !== undefined && (
                  <strong className="pq-jump" data-jump-choice={c.name} data-jump-target={String(jump)}>
                    {' → '}
                    {target(jump, p['paper.jump'], p['paper.jumpEnd'], { choice: text(c.label) })}
                  </strong>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {otherText && (
        <p className="pq-other">
          {p['paper.other']}
          <span className="pq-line" />
        </p>
      )}
      {(node.type === 'integer' || node.type === 'text') && (
        <p className="pq-line-row">
          <span className="pq-line" />
        </p>
      )}
      {node.type === 'month' && <p className="pq-blank">{p['paper.monthBlank']}</p>}
      {node.type === 'date' && <p className="pq-blank">{p['paper.dateBlank']}</p>}
      <AfterJumps item={item} ctx={ctx} />
    </section>
  );
}
