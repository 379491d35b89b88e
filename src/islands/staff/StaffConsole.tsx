/**
 * /staff/: sign in with supabase-js (password grant), then show who you are and the staff areas.
 * Wrong password and lock-out (rate limit, HTTP 429) get their own messages.
 */
import { useEffect, useState } from 'react';
import { AuthApiError } from '@supabase/supabase-js';
import { getSupabase } from '../../lib/supabase/client.ts';
import type { SignIn } from '../../lib/schemas/sign-in.ts';
import { SignInForm } from './SignInForm.tsx';
import { StaffHome, type Me } from './StaffHome.tsx';
import { StaffTeam } from './StaffTeam.tsx';
import type { StaffStrings } from '../../lib/i18n/staff/index.ts';
import { FacilityReview } from './provider/FacilityReview.tsx';
import { ProviderAccounts } from './provider/ProviderAccounts.tsx';
import type { ProviderStrings } from '../../lib/i18n/provider/index.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'signedOut' }
  | { kind: 'signedIn'; me: Me }
  | { kind: 'unavailable' };

interface Props {
  s: StaffStrings;
  /** 'team': the admins' team page (/staff/team/); 'facilities': reviews and stale figures; default: the staff home */
  view?: 'home' | 'team' | 'facilities';
  /** locale paths of the staff home, the team page and the facility review page */
  paths: { home: string; team: string; facilities?: string };
  /** the provider screens' strings (staff home, team and facilities pages) */
  p?: ProviderStrings;
  /** the district's vacancy_stale_after_days */
  staleAfterDays?: number;
}

export default function StaffConsole({ s, view = 'home', paths, p, staleAfterDays = 14 }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  async function loadMe(): Promise<void> {
    const { data, error } = await getSupabase().rpc('whoami');
    if (error) setState(error.code === '42501' ? { kind: 'signedOut' } : { kind: 'unavailable' });
    else setState({ kind: 'signedIn', me: data as Me });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once when the page opens
  useEffect(() => {
    // A site built without an API configured cannot sign anyone in: say so instead of failing.
    let supabase: ReturnType<typeof getSupabase>;
    try {
      supabase = getSupabase();
    } catch {
      setState({ kind: 'unavailable' });
      return;
    }
    supabase.auth
      .getSession()
      .then(({ data }) => (data.session ? loadMe() : setState({ kind: 'signedOut' })));
  }, []);

  async function signIn(values: SignIn): Promise<string | null> {
    const { error } = await getSupabase().auth.signInWithPassword(values);
    if (!error) {
      await loadMe();
      return null;
    }
    if (error instanceof AuthApiError && error.status === 429) return s['staff.error.lockedOut'];
    if (error instanceof AuthApiError && error.status === 400) return s['staff.error.wrongPassword'];
    return s['staff.error.unavailable'];
  }

  async function signOut() {
    // This device only: a colleague's phone at a venue (or this person's own phone) stays signed in.
    await getSupabase().auth.signOut({ scope: 'local' });
    setState({ kind: 'signedOut' });
  }

  if (state.kind === 'loading') return <p role="status">{s['staff.loading']}</p>;
  if (state.kind === 'unavailable')
    return (
      <p className="note" role="alert">
        {s['staff.error.unavailable']}
      </p>
    );
  if (state.kind === 'signedOut') return <SignInForm s={s} onSubmit={signIn} />;
  const me = state.me;
  if (view === 'home')
    return (
      <StaffHome
        s={s}
        me={me}
        onSignOut={signOut}
        teamPath={paths.team}
        facilitiesPath={paths.facilities}
        p={p}
        staleAfterDays={staleAfterDays}
      />
    );
  const staff = me.role === 'admin' || me.role === 'outreach';
  return (
    <div>
      <p>
        {s['staff.signedInAs']} <strong>{me.display_name || me.email}</strong>
        {staff && ` (${s[`staff.role.${me.role as 'admin' | 'outreach'}`]})`}
      </p>
      {view === 'facilities' ? (
        staff && p ? (
          <FacilityReview p={p} staleAfterDays={staleAfterDays} />
        ) : (
          <p className="note">{s['staff.notStaff']}</p>
        )
      ) : me.role === 'admin' ? (
        <>
          <StaffTeam s={s} myId={me.user_id} />
          {p && <ProviderAccounts p={p} />}
        </>
      ) : (
        <p className="note">{s['staff.team.adminsOnly']}</p>
      )}
      <p>
        <a href={paths.home}>{s['staff.team.back']}</a>
      </p>
      <p>
        <button type="button" className="secondary" onClick={signOut}>
          {s['staff.signOut']}
        </button>
      </p>
    </div>
  );
}
