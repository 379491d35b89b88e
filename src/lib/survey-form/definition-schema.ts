/**
 * The zod schema of a published form definition (definition.ts), used in Node at publish time (and by the tests) so
 * the database never stores a definition the evaluators cannot read. Not for the browser: it would load zod.
 */
import { z } from 'zod';
import { type Expr, FUNCTIONS, type FormDefinition, type FormNode } from './definition.ts';

const LocalText = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1).optional() });
const Name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.strictObject({ op: z.literal('ref'), name: Name }),
    z.strictObject({ op: z.literal('col'), name: z.string().min(1) }),
    z.strictObject({ op: z.literal('self') }),
    z.strictObject({ op: z.literal('today') }),
    z.strictObject({ op: z.literal('lit'), value: z.union([z.string(), z.number()]) }),
    z.strictObject({
      op: z.enum(['=', '!=', '<', '<=', '>', '>=', '+', '-', '*']),
      args: z.tuple([ExprSchema, ExprSchema]),
    }),
    z.strictObject({ op: z.enum(['and', 'or']), args: z.array(ExprSchema).min(2) }),
    z.strictObject({ op: z.enum(['not', 'neg']), args: z.tuple([ExprSchema]) }),
    z
      .strictObject({
        op: z.literal('fn'),
        name: z.enum(Object.keys(FUNCTIONS) as [keyof typeof FUNCTIONS]),
        args: z.array(ExprSchema),
      })
      .refine((f) => f.args.length === FUNCTIONS[f.name], { error: 'wrong number of arguments' }),
  ]),
) as z.ZodType<Expr>;

const Question = z.strictObject({
  kind: z.literal('question'),
  type: z.enum(['select_one', 'select_multiple', 'integer', 'month', 'date', 'text']),
  name: Name,
  number: z.int().min(1),
  label: LocalText,
  hint: LocalText.optional(),
  list: Name.optional(),
  required: z.union([z.boolean(), ExprSchema]).optional(),
  relevant: ExprSchema.optional(),
  constraint: ExprSchema.optional(),
  constraint_message: LocalText.optional(),
  choice_filter: ExprSchema.optional(),
  appearance: z.string().optional(),
  other_of: Name.optional(),
});
export const NodeSchema: z.ZodType<FormNode> = z.lazy(() =>
  z.union([
    Question,
    z.strictObject({
      kind: z.literal('note'),
      name: Name,
      label: LocalText,
      relevant: ExprSchema.optional(),
    }),
    z.strictObject({
      kind: z.literal('group'),
      name: Name,
      label: LocalText.optional(),
      relevant: ExprSchema.optional(),
      children: z.array(NodeSchema),
    }),
    z.strictObject({
      kind: z.literal('repeat'),
      name: Name,
      label: LocalText,
      relevant: ExprSchema.optional(),
      max: z.int().min(1).optional(),
      children: z.array(NodeSchema),
    }),
  ]),
) as z.ZodType<FormNode>;

export const FormDefinitionSchema: z.ZodType<FormDefinition> = z.strictObject({
  form_id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
  title: LocalText,
  languages: z.array(z.enum(['zh-CN', 'en'])).min(1),
  choices: z.record(Name, z.array(z.looseObject({ name: z.string().min(1), label: LocalText }))),
  body: z.array(NodeSchema).min(1),
}) as z.ZodType<FormDefinition>;
