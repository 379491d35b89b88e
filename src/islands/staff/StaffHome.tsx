/** What a signed-in staff member sees: who they are, the staff areas, and (admins) the way to the team page. */
import type { StaffStrings } from '../../lib/i18n/staff/index.ts';
import { ProviderHome } from './provider/ProviderHome.tsx';
import type { ProviderStrings } from '../../lib/i18n/provider/index.ts';

export interface Me {
  user_id: string;
  email: string;
  display_name?: string | null;
  /** provider: a facility's own account (whoami also gives how many facilities it keeps) */
  role: 'admin' | 'outreach' | 'provider' | null;
  facilities?: number;
}

export function StaffHome({
  s,
  me,
  onSignOut,
  teamPath,
  facilitiesPath,
  p,
  staleAfterDays = 14,
}: {
  s: StaffStrings;
  me: Me;
  onSignOut: () => void;
  teamPath: string;
  facilitiesPath?: string;
  p?: ProviderStrings;
  staleAfterDays?: number;
}) {
  if (me.role === 'provider')
    return (
      <div>
        <p role="status">
          {s['staff.signedInAs']} <strong>{me.display_name || me.email}</strong>
        </p>
        {p && <ProviderHome p={p} staleAfterDays={staleAfterDays} />}
        <p>
          <button type="button" className="secondary" onClick={onSignOut}>
            {s['staff.signOut']}
          </button>
        </p>
      </div>
    );
  const en = location.pathname.startsWith('/en/');
  const survey = en ? '/en/staff/survey/' : '/staff/survey/';
  const lectures = en ? '/en/staff/lectures/' : '/staff/lectures/';
  const areas: { label: string; href?: string }[] = [
    { label: s['staff.area.lectures'], href: lectures },
    { label: s['staff.area.rosters'], href: lectures },
    { label: s['staff.area.paperSurveys'], href: survey },
    { label: s['staff.area.results'], href: survey },
    { label: s['staff.area.printSurvey'], href: `${survey}paper/` },
    ...(me.role === 'admin' ? [{ label: s['staff.area.surveyForm'], href: `${survey}form/` }] : []),
  ];

  return (
    <div>
      <p role="status">
        {s['staff.signedInAs']} <strong>{me.display_name || me.email}</strong>
        {me.role && ` (${s[`staff.role.${me.role}`]})`}
      </p>
      {!me.role && <p className="note">{s['staff.notStaff']}</p>}
      {me.role && (
        <>
          <h2>{s['staff.areas']}</h2>
          <ul className="cards two">
            {areas.map((a) => (
              <li className="card" key={a.label}>
                {a.href ? (
                  <a href={a.href}>
                    <strong>{a.label}</strong>
                  </a>
                ) : (
                  <>
                    <strong>{a.label}</strong> <span className="muted">{s['staff.area.soon']}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {me.role && facilitiesPath && p && (
        <>
          <h2>{p['provider.staff.title']}</h2>
          <p>
            <a className="button secondary" href={facilitiesPath}>
              {p['provider.staff.link']}
            </a>
          </p>
        </>
      )}
      {me.role === 'admin' && (
        <>
          <h2>{s['staff.team']}</h2>
          <p>
            <a className="button secondary" href={teamPath}>
              {s['staff.team.manage']}
            </a>
          </p>
        </>
      )}
      <p>
        <button type="button" className="secondary" onClick={onSignOut}>
          {s['staff.signOut']}
        </button>
      </p>
    </div>
  );
}
