/**
 * One step of the phone form: its nodes that are asked — a note, a group (a heading and its questions), a repeat
 * (one block per child, with add and remove) or a question (QuestionView.tsx).
 */
import type { Answers, FormNode, LocalText } from '../../../lib/survey-form/definition.ts';
import { isRelevant, localNames } from '../../../lib/survey-form/evaluate.ts';
import type { FormStep } from '../../../lib/survey-form/steps.ts';
import ErrorText from './ErrorText.tsx';
import QuestionView from './QuestionView.tsx';
import { idOf, text, type View } from './view.ts';

export default function StepView({ step, ...v }: View & { step: FormStep }) {
  const nodes = step.nodes.filter((n) => isRelevant(n, v.answers, v.at));
  // One h2 per step: the heading of its one question, group or repeat (notes are paragraphs above it), or of its
  // note when a note is all the step has left to say.
  const main = nodes.filter((n) => n.kind !== 'note');
  if (!main.length)
    return (
      <>
        {nodes.map((n, i) => {
          const words = text((n as { label: LocalText }).label, v.locale);
          return i === 0 ? (
            <h2 key={n.name} className="question" tabIndex={-1}>
              {words}
            </h2>
          ) : (
            <p key={n.name} className="note">
              {words}
            </p>
          );
        })}
      </>
    );
  return (
    <>
      {nodes.map((n) => (
        <NodeView key={n.name} node={n} path={n.name} heading={n === main[0]} {...v} />
      ))}
    </>
  );
}

function NodeView({
  node,
  path,
  heading,
  instance,
  local,
  blockLabel,
  ...v
}: View & {
  node: FormNode;
  path: string;
  heading: boolean;
  instance?: Record<string, unknown>;
  local?: ReadonlySet<string>;
  blockLabel?: string;
}) {
  const { locale, t, at, answers } = v;
  if (!isRelevant(node, answers, at, instance, local)) return null;
  if (node.kind === 'note') return <p className="note">{text(node.label, locale)}</p>;
  if (node.kind === 'group') {
    const oneTap = node.children.every((c) => c.kind === 'question' && c.type === 'select_one');
    return (
      <>
        {node.label && (
          <h2 className="question" tabIndex={-1}>
            {text(node.label, locale)}
          </h2>
        )}
        {node.children.map((c) => (
          <NodeView
            key={c.name}
            node={c}
            path={c.name}
            heading={false}
            instance={instance}
            local={local}
            {...v}
          />
        ))}
        {oneTap && <p className="hint one-tap">{t['form.oneTap']}</p>}
      </>
    );
  }
  if (node.kind === 'repeat') {
    const blocks = (answers[node.name] as Answers[] | undefined) ?? [{}];
    const names = localNames(node.children);
    return (
      <div className={v.errors[node.name] ? 'field has-error' : 'field'}>
        <h2 className="question" tabIndex={-1} id={idOf(path)}>
          {text(node.label, locale)}
        </h2>
        <ErrorText id={idOf(path)} text={v.errors[node.name]} prefix={t['form.error.prefix']} />
        {blocks.map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a block is its position (name.N.…)
          <div key={i} className="child-row">
            {node.children.map((c) => (
              <NodeView
                key={c.name}
                node={c}
                path={`${node.name}.${i}.${c.name}`}
                heading={false}
                instance={block}
                local={names}
                blockLabel={t['form.block'].replace('{n}', String(i + 1))}
                {...v}
              />
            ))}
            {blocks.length > 1 && (
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  v.set(
                    node.name,
                    blocks.filter((_, k) => k !== i),
                  )
                }
              >
                {t['form.remove'].replace('{n}', String(i + 1))}
              </button>
            )}
          </div>
        ))}
        {blocks.length < (node.max ?? 10) && (
          <button type="button" className="secondary" onClick={() => v.set(node.name, [...blocks, {}])}>
            {t['form.add']}
          </button>
        )}
      </div>
    );
  }
  return (
    <QuestionView
      q={node}
      path={path}
      heading={heading}
      instance={instance}
      local={local}
      blockLabel={blockLabel}
      {...v}
    />
  );
}
