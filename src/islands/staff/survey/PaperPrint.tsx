/**
 * /staff/survey/paper/: the paper questionnaire of the version published NOW, for outreach staff to print. The
 * families' page asks public.survey_form() for the newest version, and so does this page, so a version an admin
 * published in the console (/staff/survey/form/) prints here at once, with no rebuild of the site (the public
 * /survey/paper/ page is the build's version). Drawn by the same renderer as /survey/paper/ (PaperForm).
 */
import { useEffect, useState } from 'react';
import PaperForm, { type PaperFormProps, printPaperForm } from '../../survey/PaperForm.tsx';
import { callPublic } from '../../../lib/supabase/public-rpc.ts';
import type { FormDefinition } from '../../../lib/survey-form/definition.ts';
import { fill } from '../../../lib/i18n/fill.ts';

type Props = Omit<PaperFormProps, 'definition' | 'today' | 'titleLevel'>;

type Loaded =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'none' }
  | { kind: 'ok'; definition: FormDefinition };

export default function PaperPrint(props: Props) {
  const { p } = props;
  const [form, setForm] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    // The anonymous RPC, as the families' page asks it (the definition is public; no sign-in needed to print).
    void callPublic<{ definition: FormDefinition | null }>('survey_form', {}, { get: true }).then((r) => {
      if (!r.ok) setForm({ kind: 'failed' });
      else if (!r.data.definition) setForm({ kind: 'none' });
      else setForm({ kind: 'ok', definition: r.data.definition });
    });
  }, []);

  if (form.kind === 'loading') return <p role="status">{p['paper.staff.loading']}</p>;
  if (form.kind === 'failed')
    return (
      <p role="alert" className="error-message">
        {p['paper.staff.failed']}
      </p>
    );
  if (form.kind === 'none') return <p className="note">{p['paper.staff.none']}</p>;
  return (
    <>
      <p className="no-print" role="status">
        {fill(p['paper.staff.current'], { version: form.definition.version })}
      </p>
      <p className="no-print">
        <button type="button" className="primary" onClick={printPaperForm}>
          {p['paper.staff.print']}
        </button>
      </p>
      <PaperForm {...props} definition={form.definition} titleLevel={2} />
    </>
  );
}
