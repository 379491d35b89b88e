/**
 * `npm run survey:publish -- <form.xlsx> [--accept-days 30] [--by <name>] [--dry-run]`: publishes an XLSForm
 * workbook as a new questionnaire version on the embedded database (.data/) or on a PostgreSQL
 * (DATABASE_ADMIN_URL, else DATABASE_URL — the owner's URL, as `npm run staff` uses). Mistakes are printed in
 * Chinese with sheet, row and column, and nothing is published. Versions published before keep taking answers for
 * --accept-days days (default 30): families who started on them can still send. docs/survey.md says how.
 */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../supabase/embedded/db/migrate.ts';
import { openDb } from '../supabase/embedded/db/open.ts';
import { DataDirLocked, lockDataDir } from '../supabase/embedded/api/lock.ts';
import { secureDataDir, tightenDataDir } from '../supabase/embedded/api/data-dir.ts';
import { formatError, publishXlsForm } from './lib/survey-publish.ts';

const USAGE = 'usage: npm run survey:publish -- <form.xlsx> [--accept-days 30] [--by <name>] [--dry-run]';

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'accept-days': { type: 'string', default: '30' },
      by: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [file] = positionals;
  if (values.help || !file) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const acceptDays = Number(values['accept-days']);
  if (!Number.isInteger(acceptDays) || acceptDays < 0 || acceptDays > 366) {
    console.error('--accept-days 应为 0–366 的整数（旧版问卷继续收答案的天数）');
    return 1;
  }
  const bytes = await readFile(file);
  const databaseUrl = process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL || undefined;
  const dataDir = process.env.TUOYU_DATA_DIR || '.data';
  let release = () => {};
  if (!databaseUrl) {
    secureDataDir(dataDir);
    try {
      release = lockDataDir(dataDir);
    } catch (error) {
      if (error instanceof DataDirLocked) {
        console.error(`${error.message}\n请先停止 npm start（Ctrl-C），发布后再启动。`);
        return 1;
      }
      throw error;
    }
  }
  const db = await openDb({ dataDir: join(dataDir, 'pglite'), databaseUrl: databaseUrl ?? '' });
  try {
    await prepareDatabase(db, { seed: false });
    const result = await publishXlsForm(db, bytes, {
      by: values.by || `npm run survey:publish (${userInfo().username})`,
      acceptDays,
      dryRun: values['dry-run'],
    });
    if (!result.ok) {
      console.error(`${file}：有 ${result.errors.length} 处需要修改，未发布。`);
      for (const e of result.errors) console.error(`  ${formatError(e)}`);
      return 1;
    }
    if (values['dry-run']) {
      console.log(
        `${file}：检查通过（版本 ${result.version}，压缩后 ${result.gzipBytes} 字节），未发布（--dry-run）。`,
      );
    } else {
      console.log(
        `已发布问卷版本 ${result.version}（压缩后 ${result.gzipBytes} 字节）。正在接收答案的版本：${result.accepting.join('、')}；旧版本 ${acceptDays} 天后停止接收。`,
      );
    }
    return 0;
  } finally {
    await db.close();
    release();
    if (!databaseUrl) tightenDataDir(dataDir);
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
