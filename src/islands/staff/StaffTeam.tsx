/**
 * /staff/team/ for admins: every staff member as a card with their role (change and save) and a button to
 * deactivate or reactivate them, all through public.upsert_staff. The outcome is announced in one status line;
 * the last-admin guard comes back as a plain sentence. New people are added outside (see the page's note), then
 * made staff with the form below.
 */
import { useEffect, useState } from 'react';
import { pageLocale, refusalText } from '../../lib/refusals/index.ts';
import { getSupabase } from '../../lib/supabase/client.ts';
import { listTeam, saveMember, type StaffChange } from '../../lib/staff/team.ts';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../../lib/schemas/staff-member.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import type { StaffStrings } from '../../lib/i18n/staff/index.ts';
import { fill } from '../../lib/i18n/fill.ts';

type Message = { kind: 'done' | 'error'; text: string } | null;

export function StaffTeam({ s, myId }: { s: StaffStrings; myId: string }) {
  const [team, setTeam] = useState<StaffMember[] | null>(null);
  const [roles, setRoles] = useState<Record<string, StaffRole>>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  async function reload() {
    const result = await listTeam(getSupabase());
    if ('error' in result)
      return setMessage({ kind: 'error', text: refusalText(result.error, pageLocale()) });
    setTeam(result.team);
    setRoles(Object.fromEntries(result.team.map((m) => [m.user_id, m.role])));
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the page opens
  useEffect(() => void reload(), []);

  async function change(m: StaffMember, next: Partial<StaffChange>, done: string): Promise<boolean> {
    setBusy(true);
    const error = await saveMember(getSupabase(), {
      email: m.email,
      display_name: m.display_name,
      role: m.role,
      active: m.active,
      ...next,
    });
    setBusy(false);
    setMessage(
      error
        ? { kind: 'error', text: refusalText(error, pageLocale()) }
        : { kind: 'done', text: fill(done, { name: m.display_name }) },
    );
    if (!error) await reload();
    return !error;
  }

  if (!team)
    return message ? (
      <p className="note" role="alert">
        {message.text}
      </p>
    ) : (
      <p role="status">{s['staff.loading']}</p>
    );
  return (
    <div className="staff-team">
      <p role="status" className={message?.kind === 'done' ? 'note' : undefined}>
        {message?.kind === 'done' ? message.text : ''}
      </p>
      {message?.kind === 'error' && (
        <p role="alert" className="note">
          {message.text}
        </p>
      )}
      <h2>{s['staff.team.members']}</h2>
      <ul className="cards two">
        {team.map((m) => {
          const roleId = `role-${m.user_id}`;
          return (
            <li className="card" key={m.user_id} aria-labelledby={`name-${m.user_id}`}>
              <h3 id={`name-${m.user_id}`}>
                {m.display_name}
                {m.user_id === myId && ` ${s['staff.team.you']}`}
              </h3>
              <p>{m.email}</p>
              <p>
                {s[`staff.role.${m.role}`]} ·{' '}
                <strong>{m.active ? s['staff.team.statusActive'] : s['staff.team.statusInactive']}</strong>
              </p>
              <form
                className="team-role"
                onSubmit={(e) => (
                  e.preventDefault(), void change(m, { role: roles[m.user_id] }, s['staff.team.done.role'])
                )}
              >
                <label htmlFor={roleId}>{fill(s['staff.team.roleOf'], { name: m.display_name })}</label>
                <select
                  id={roleId}
                  value={roles[m.user_id]}
                  onChange={(e) => setRoles({ ...roles, [m.user_id]: e.target.value as StaffRole })}
                >
                  {STAFF_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {s[`staff.role.${r}`]}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary" disabled={busy || roles[m.user_id] === m.role}>
                  {s['staff.team.saveRole']}
                  <span className="visually-hidden">{` ${m.display_name}`}</span>
                </button>
              </form>
              <p>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() =>
                    void change(
                      m,
                      { active: !m.active },
                      m.active ? s['staff.team.done.deactivated'] : s['staff.team.done.reactivated'],
                    )
                  }
                >
                  {m.active ? s['staff.team.deactivate'] : s['staff.team.reactivate']}
                  <span className="visually-hidden">{` ${m.display_name}`}</span>
                </button>
              </p>
            </li>
          );
        })}
      </ul>
      <AddMemberForm
        s={s}
        onAdded={async (name) => (
          setMessage({ kind: 'done', text: fill(s['staff.team.done.added'], { name }) }), reload()
        )}
      />
    </div>
  );
}
