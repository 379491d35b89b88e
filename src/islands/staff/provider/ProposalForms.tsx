/**
 * Proposals a provider sends for review: monthly fees per care form offered, the phone number, prepayment terms.
 * A field with a pending proposal shows 待审核 and the proposed value; the site keeps the old value until staff
 * approve (propose_facility_change → facility_review_queue → review_facility_change).
 */
import { useState } from 'react';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import { CARE_FORMS, type CareForm } from '../../../lib/schemas/facility-enums.ts';
import { StatusLine } from './StatusLine.tsx';
import type { ProviderStrings } from './strings.ts';
import type { EditorFacility } from './types.ts';

type Field = 'fees' | 'phone' | 'prepayment';
type Status = { kind: 'done' | 'error'; text: string } | null;

export function describeValue(field: Field, value: unknown, p: ProviderStrings): string {
  if (value === null || value === undefined) return p['provider.empty'];
  if (field === 'phone') return String(value);
  if (field === 'prepayment') {
    const v = value as { max_months: number; refund: string };
    return fill(p['provider.prepay.text'], { months: v.max_months, refund: v.refund });
  }
  return Object.entries(value as Record<string, number>)
    .map(([form, yuan]) => `${p[`provider.fee.${form as CareForm}`] ?? form} ${yuan}`)
    .join('，');
}

export function ProposalForms({
  f,
  p,
  onSent,
}: {
  f: EditorFacility;
  p: ProviderStrings;
  onSent: () => Promise<void>;
}) {
  const forms = (f.care_forms ?? CARE_FORMS) as readonly CareForm[];
  const [fees, setFees] = useState<Record<string, string>>(
    Object.fromEntries(forms.map((c) => [c, f.fees?.[c] === undefined ? '' : String(f.fees[c])])),
  );
  const [phone, setPhone] = useState(f.phone ?? '');
  const [months, setMonths] = useState(f.prepayment ? String(f.prepayment.max_months) : '');
  const [refund, setRefund] = useState(f.prepayment?.refund ?? '');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const pending = (field: Field) => f.pending.find((x) => x.field === field);

  async function propose(field: Field, value: unknown) {
    const { error } = await getSupabase().rpc('propose_facility_change', {
      p_facility: f.id,
      p_field: field,
      p_value: value,
      p_reason: reason || null,
    });
    if (error) return setStatus({ kind: 'error', text: refusalText(error, pageLocale()) });
    setStatus({ kind: 'done', text: p['provider.propose.sent'] });
    await onSent();
  }
  const id = (k: string) => `propose-${f.id}-${k}`;
  const shownPending = (field: Field) => {
    const x = pending(field);
    return x ? (
      <p className="pending">
        <span className="badge">{p['provider.pending']}</span> {describeValue(field, x.value, p)}
      </p>
    ) : null;
  };

  return (
    <section aria-labelledby={id('heading')} className="provider-proposals">
      <h3 id={id('heading')}>{p['provider.propose.title']}</h3>
      <p className="hint">{p['provider.propose.hint']}</p>
      <div className="field">
        <label htmlFor={id('reason')}>{p['provider.reason']}</label>
        <input
          type="text"
          id={id('reason')}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <form
        className="staff-form"
        onSubmit={(e) => {
          e.preventDefault();
          const value = Object.fromEntries(
            Object.entries(fees)
              .filter(([, v]) => v.trim() !== '')
              .map(([k, v]) => [k, Number(v)]),
          );
          void propose('fees', value);
        }}
      >
        <fieldset>
          <legend>{p['provider.fees']}</legend>
          {shownPending('fees')}
          {forms.map((c) => (
            <div className="field" key={c}>
              <label htmlFor={id(`fee-${c}`)}>{p[`provider.fee.${c}`]}</label>
              <input
                type="number"
                inputMode="numeric"
                min={0}
                id={id(`fee-${c}`)}
                value={fees[c] ?? ''}
                onChange={(e) => setFees((v) => ({ ...v, [c]: e.target.value }))}
              />
            </div>
          ))}
          <button type="submit" className="secondary">
            {p['provider.propose.submit']}
            <span className="visually-hidden">{` ${p['provider.field.fees']}`}</span>
          </button>
        </fieldset>
      </form>
      <form
        className="staff-form"
        onSubmit={(e) => {
          e.preventDefault();
          void propose('phone', phone.trim() || null);
        }}
      >
        <div className="field">
          <label htmlFor={id('phone')}>{p['provider.phone']}</label>
          {shownPending('phone')}
          <input type="tel" id={id('phone')} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <button type="submit" className="secondary">
          {p['provider.propose.submit']}
          <span className="visually-hidden">{` ${p['provider.field.phone']}`}</span>
        </button>
      </form>
      <form
        className="staff-form"
        onSubmit={(e) => {
          e.preventDefault();
          void propose(
            'prepayment',
            months === '' ? null : { max_months: Number(months), refund: refund.trim() },
          );
        }}
      >
        <fieldset>
          <legend>{p['provider.field.prepayment']}</legend>
          {shownPending('prepayment')}
          <div className="field">
            <label htmlFor={id('months')}>{p['provider.prepay.months']}</label>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={12}
              id={id('months')}
              value={months}
              onChange={(e) => setMonths(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={id('refund')}>{p['provider.prepay.refund']}</label>
            <input
              type="text"
              id={id('refund')}
              value={refund}
              maxLength={300}
              onChange={(e) => setRefund(e.target.value)}
            />
          </div>
          <button type="submit" className="secondary">
            {p['provider.propose.submit']}
            <span className="visually-hidden">{` ${p['provider.field.prepayment']}`}</span>
          </button>
        </fieldset>
      </form>
      <StatusLine status={status} />
    </section>
  );
}
