/**
 * A database that is down or restarting (issue 15, item 10): calls keep coming while the PostgreSQL 15 cluster is
 * stopped (`pg_ctl stop -m fast`) and started again. Every answer is 200 or 503 (PostgREST's PGRST000), never 500;
 * the log gets at most one line per 10 s of outage and no stack trace; the API recovers by itself.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import { authenticatorUrl } from '../../supabase/embedded/db/serving.ts';
import { findPostgres, startCluster, type Cluster } from '../db/pg-cluster.ts';
import { prepareTestDatabase, startTestApi, type TestApi } from './harness.ts';

const binaries = findPostgres();
const missing = 'missing' in binaries ? binaries.missing : undefined;
if (missing) console.warn(`\n!!! Database-restart test on PostgreSQL 15 SKIPPED: ${missing}\n`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing !== undefined)('PostgreSQL 15 stopped and started under load', () => {
  let cluster: Cluster;
  let api: TestApi;
  beforeAll(async () => {
    if ('missing' in binaries) throw new Error(binaries.missing);
    cluster = await startCluster(binaries);
    const url = await cluster.createDatabase('tuoyu_restart');
    const db = openPostgres(url, 2);
    await prepareTestDatabase(db);
    await db.close();
    api = await startTestApi({ db: openPostgres(url, 1), serving: openPostgres(authenticatorUrl(url), 4) });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await api?.serving.close().catch(() => {});
    await api?.db.close().catch(() => {});
    cluster?.stop();
  });

  test('503 while down, one log line, no stack, then 200 again by itself', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    const statuses: { phase: string; status: number; code?: string }[] = [];
    let phase = 'up';
    let running = true;
    const call = async () => {
      const res = await fetch(`${api.url}/rest/v1/rpc/list_lecture_events`, {
        method: 'POST',
        headers: { apikey: api.keys.anon, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await res.json()) as { code?: string };
      return { status: res.status, code: res.status === 200 ? undefined : body.code };
    };
    const workers = Array.from({ length: 4 }, async () => {
      while (running) {
        const p = phase;
        statuses.push({ phase: p, ...(await call()) });
        await sleep(20);
      }
    });
    try {
      await sleep(500);
      phase = 'down';
      cluster.pause();
      await sleep(3000);
      phase = 'restarting';
      cluster.start();
      // Recovers by itself: a 200 within 15 s of the start.
      const until = Date.now() + 15_000;
      while (Date.now() < until && !statuses.some((s) => s.phase === 'restarting' && s.status === 200))
        await sleep(100);
      phase = 'after';
      await sleep(500);
    } finally {
      running = false;
      await Promise.all(workers);
      spy.mockRestore();
    }
    const by = (p: string) => statuses.filter((s) => s.phase === p);
    // (A call started just before the stop may answer 503.)
    expect(by('up').some((s) => s.status === 200)).toBe(true);
    expect(by('down').length).toBeGreaterThan(10);
    // The first calls after the stop may still finish (fast shutdown waits for nothing, but a call can be done).
    expect(
      by('down')
        .filter((s) => s.status !== 200)
        .every((s) => s.status === 503 && s.code === 'PGRST000'),
    ).toBe(true);
    expect(by('down').some((s) => s.status === 503)).toBe(true);
    expect(statuses.filter((s) => s.status !== 200 && s.status !== 503)).toEqual([]);
    expect(by('restarting').some((s) => s.status === 200)).toBe(true);
    expect(by('after').length).toBeGreaterThan(0);
    expect(by('after').every((s) => s.status === 200)).toBe(true);
    // One line for the outage (the next would come after 10 s), no stack trace.
    const ours = lines.filter((l) => l.startsWith('embedded API'));
    expect(ours.length).toBeGreaterThanOrEqual(1);
    expect(ours.length).toBeLessThanOrEqual(2);
    expect(ours.every((l) => l.startsWith('embedded API: database unavailable, answering 503'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
