/**
 * Exports across questionnaire versions (issue 16, items 4 and 7): one column per question ever asked — a repeat's
 * questions once per block (`children.1.birth_month`, …) with a count column — in the newest version's order, then
 * questions only older versions asked; a version that did not ask a question leaves its cell blank, so no column is
 * ever dropped or shifted. Numbers stay numbers; a multiple choice is its codes joined by ';'. Browser-safe.
 */
import type {
  Answers,
  FormDefinition,
  FormNode,
  LocalText,
  QuestionNode,
  QuestionType,
} from './definition.ts';

export interface ExportColumn {
  /** the column's header: `fee`, `children.count`, `children.1.birth_month` */
  key: string;
  /** the question's name (the repeat's for its count) */
  question: string;
  repeat?: string;
  /** 1-based block of a repeat */
  block?: number;
  label: LocalText;
  type: QuestionType | 'count';
  list?: string;
  /** the versions that asked it, newest first */
  versions: string[];
}

export type Cell = string | number | null;

/** Every question with the repeat it is in, in form order. */
function walk(
  nodes: FormNode[],
  out: { q: QuestionNode; repeat?: FormNode & { kind: 'repeat' } }[],
  repeat?: FormNode & { kind: 'repeat' },
) {
  for (const n of nodes) {
    if (n.kind === 'question') out.push({ q: n, repeat });
    else if (n.kind === 'group') walk(n.children, out, repeat);
    else if (n.kind === 'repeat') walk(n.children, out, n);
  }
  return out;
}

/** The columns for `defs`, newest version first: its order, then what only older versions asked. A repeat gives a
 * count column and each of its questions for blocks 1 … max (the largest max of any version, else 6). */
export function exportColumns(defs: FormDefinition[]): ExportColumn[] {
  const columns: ExportColumn[] = [];
  const byKey = new Map<string, ExportColumn>();
  const add = (c: Omit<ExportColumn, 'versions'>, version: string) => {
    const known = byKey.get(c.key);
    if (known) {
      if (!known.versions.includes(version)) known.versions.push(version);
      return;
    }
    const col = { ...c, versions: [version] };
    byKey.set(c.key, col);
    columns.push(col);
  };
  const maxBlocks = new Map<string, number>();
  for (const def of defs) {
    for (const n of def.body)
      if (n.kind === 'repeat') maxBlocks.set(n.name, Math.max(maxBlocks.get(n.name) ?? 0, n.max ?? 6));
  }
  for (const def of defs) {
    for (const { q, repeat } of walk(def.body, [])) {
      if (!repeat) {
        add({ key: q.name, question: q.name, label: q.label, type: q.type, list: q.list }, def.version);
        continue;
      }
      add(
        {
          key: `${repeat.name}.count`,
          question: repeat.name,
          repeat: repeat.name,
          label: repeat.label,
          type: 'count',
        },
        def.version,
      );
      for (let b = 1; b <= (maxBlocks.get(repeat.name) ?? 6); b++) {
        add(
          {
            key: `${repeat.name}.${b}.${q.name}`,
            question: q.name,
            repeat: repeat.name,
            block: b,
            label: q.label,
            type: q.type,
            list: q.list,
          },
          def.version,
        );
      }
    }
  }
  return columns;
}

function cell(type: ExportColumn['type'], v: unknown): Cell {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.length ? v.join(';') : null;
  if (type === 'integer' && typeof v === 'number') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One answer's cells, in the columns' order (blank where its version did not ask). */
export function exportRow(columns: ExportColumn[], row: { form_version: string; answers: Answers }): Cell[] {
  // A version no definition describes (2026-11: answers converted from the form before definitions, under the
  // names the 2026-12 form kept) is read by name.
  const known = columns.some((c) => c.versions.includes(row.form_version));
  return columns.map((c) => {
    if (known && !c.versions.includes(row.form_version)) return null;
    if (!c.repeat) return cell(c.type, row.answers[c.question]);
    const blocks = Array.isArray(row.answers[c.repeat])
      ? (row.answers[c.repeat] as Record<string, unknown>[])
      : [];
    if (c.type === 'count') return blocks.length;
    const block = blocks[(c.block ?? 1) - 1];
    return block ? cell(c.type, block[c.question]) : null;
  });
}

/** The codebook: each column's label and, for a choice question, every code with its label (newest version's). */
export function codebook(columns: ExportColumn[], defs: FormDefinition[], lang: 'zh-CN' | 'en' = 'zh-CN') {
  return columns.map((c) => {
    const def = defs.find((d) => d.version === c.versions[0]);
    const choices = c.list ? (def?.choices[c.list] ?? []) : [];
    const text = (t: LocalText) => (lang === 'en' ? (t.en ?? t['zh-CN']) : t['zh-CN']);
    return {
      column: c.key,
      label: text(c.label) + (c.block ? ` (${c.block})` : ''),
      type: c.type,
      versions: c.versions.join(' '),
      codes: choices.map((ch) => `${ch.name}=${text(ch.label)}`).join('; '),
    };
  });
}
