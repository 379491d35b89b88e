/**
 * `npm start`'s first admin: the generated password goes to a file only its owner can read (0600), whose path is
 * what gets printed — never the password itself.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { ensureFirstAdmin, FIRST_ADMIN_PASSWORD_FILE } from '../../scripts/lib/staff-accounts.ts';
import { openPglite } from '../../supabase/embedded/db/pglite.ts';
import { preparedDataDir, startTestApi } from './harness.ts';

test('writes the first admin password to a 0600 file, logs nothing of it, and signs in with it', {
  timeout: 60_000,
}, async () => {
  const dir = await preparedDataDir();
  const db = await openPglite(join(dir, 'pglite'));
  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void printed.push(a.map(String).join(' '))),
  );
  try {
    await db.exec('delete from app.staff');
    const created = await ensureFirstAdmin(db, 'First@Test.local', join(dir, 'data'));
    for (const s of spies) s.mockRestore();
    expect(created).toEqual({
      email: 'first@test.local',
      passwordFile: join(dir, 'data', FIRST_ADMIN_PASSWORD_FILE),
    });
    const file = created!.passwordFile;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(JSON.stringify(created)).not.toContain(password);
    expect(printed.join('\n')).not.toContain(password);
    // The password in the file is the admin's.
    const api = await startTestApi({ db });
    try {
      const { data, error } = await api
        .client()
        .auth.signInWithPassword({ email: 'first@test.local', password });
      expect(error).toBeNull();
      expect((await api.client(data.session!.access_token).rpc('whoami')).data).toMatchObject({
        role: 'admin',
      });
    } finally {
      await api.close();
    }
    // Later starts create nothing.
    expect(await ensureFirstAdmin(db, 'first@test.local', join(dir, 'data'))).toBeNull();
  } finally {
    for (const s of spies) s.mockRestore();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
