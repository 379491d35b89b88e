/**
 * The team page's facility accounts (admins): bind an existing account to one or more facilities through
 * public.upsert_provider (the account itself, with its one-time password, comes from npm run staff -- add-provider
 * or the Supabase dashboard, as staff accounts do), and the list of provider accounts.
 */
import { useEffect, useState } from 'react';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import { StatusLine } from './StatusLine.tsx';
import type { ProviderStrings } from './strings.ts';

interface Provider {
  user_id: string;
  email: string;
  display_name: string;
  phone: string | null;
  active: boolean;
  facilities: string[] | null;
}

export function ProviderAccounts({ p }: { p: ProviderStrings }) {
  const [catalogue, setCatalogue] = useState<{ id: string; name: string }[]>([]);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [status, setStatus] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);

  async function reload() {
    const [c, l] = await Promise.all([
      getSupabase().rpc('facility_catalogue'),
      getSupabase().rpc('list_providers'),
    ]);
    if (!c.error)
      setCatalogue((c.data as { id: string; name: string }[]).map(({ id, name }) => ({ id, name })));
    if (!l.error) setProviders(l.data as Provider[]);
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the page opens
  useEffect(() => void reload(), []);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const { error } = await getSupabase().rpc('upsert_provider', {
      p_email: email,
      p_display_name: name,
      p_phone: phone || null,
      p_facilities: chosen,
      p_active: true,
    });
    if (error) return setStatus({ kind: 'error', text: refusalText(error, pageLocale()) });
    setStatus({ kind: 'done', text: fill(p['provider.team.saved'], { name }) });
    setEmail('');
    setName('');
    setPhone('');
    setChosen([]);
    await reload();
  }
  const names = new Map(catalogue.map((f) => [f.id, f.name]));
  const shown = catalogue.filter((f) => chosen.includes(f.id) || (filter && f.name.includes(filter.trim())));

  return (
    <section aria-labelledby="providers-heading">
      <h2 id="providers-heading">{p['provider.team.title']}</h2>
      <p>{p['provider.team.intro']}</p>
      <form className="staff-form" onSubmit={save}>
        <div className="field">
          <label htmlFor="provider-email">{p['provider.team.email']}</label>
          <input
            id="provider-email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="provider-name">{p['provider.team.name']}</label>
          <input
            id="provider-name"
            type="text"
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="provider-phone">{p['provider.team.phone']}</label>
          <input id="provider-phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <fieldset>
          <legend>{p['provider.team.facilities']}</legend>
          <label htmlFor="provider-filter">{p['provider.team.filter']}</label>
          <input
            id="provider-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          {shown.map((f) => (
            <div className="check" key={f.id}>
              <input
                type="checkbox"
                id={`provider-f-${f.id}`}
                checked={chosen.includes(f.id)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, f.id] : c.filter((x) => x !== f.id)))
                }
              />
              <label htmlFor={`provider-f-${f.id}`}>{f.name}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{p['provider.team.submit']}</button>
        <StatusLine status={status} />
      </form>
      {providers.length > 0 && (
        <>
          <h3>{p['provider.team.list']}</h3>
          <ul>
            {providers.map((x) => (
              <li key={x.user_id}>
                {x.display_name} ({x.email}){x.active ? '' : ` · ${p['provider.team.inactive']}`}:{' '}
                {(x.facilities ?? []).map((id) => names.get(id) ?? id).join('、')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
