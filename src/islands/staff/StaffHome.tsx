/** What a signed-in staff member sees: who they are, the staff areas, and (admins) the team. */
import { useEffect, useState } from 'react';
import { getSupabase } from '../../lib/supabase/client.ts';
import type { StaffStrings } from './strings.ts';

export interface Me {
  user_id: string;
  email: string;
  display_name?: string | null;
  role: 'admin' | 'outreach' | null;
}
interface Member {
  user_id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'outreach';
  active: boolean;
}

export function StaffHome({ s, me, onSignOut }: { s: StaffStrings; me: Me; onSignOut: () => void }) {
  const [team, setTeam] = useState<Member[] | null>(null);
  useEffect(() => {
    if (me.role === 'admin') getSupabase().rpc('list_staff').then(({ data }) => setTeam((data as Member[]) ?? []));
  }, [me.role]);
  const survey = location.pathname.startsWith('/en/') ? '/en/staff/survey/' : '/staff/survey/';
  const areas: { label: string; href?: string }[] = [
    { label: s['staff.area.lectures'] }, { label: s['staff.area.rosters'] },
    { label: s['staff.area.paperSurveys'], href: survey }, { label: s['staff.area.results'], href: survey },
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
                {a.href ? <a href={a.href}><strong>{a.label}</strong></a> : <><strong>{a.label}</strong> <span className="muted">{s['staff.area.soon']}</span></>}
              </li>
            ))}
          </ul>
        </>
      )}
      {team && (
        <>
          <h2>{s['staff.team']}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr><th scope="col">{s['staff.team.name']}</th><th scope="col">{s['staff.team.email']}</th><th scope="col">{s['staff.team.role']}</th><th scope="col">{s['staff.team.active']}</th></tr>
              </thead>
              <tbody>
                {team.map((m) => (
                  <tr key={m.user_id}><td>{m.display_name}</td><td>{m.email}</td><td>{s[`staff.role.${m.role}`]}</td><td>{m.active ? s['common.yes'] : s['common.no']}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p><button type="button" className="secondary" onClick={onSignOut}>{s['staff.signOut']}</button></p>
    </div>
  );
}
