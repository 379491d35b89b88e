/**
 * Runs the embedded API alone: `node supabase/embedded/api/main.ts` (environment as in start.ts).
 * Prints one "ready" line with the URL, then the anon key; SIGINT/SIGTERM close it cleanly.
 */
import { BadConnectionString } from '../db/connection-string.ts';
import { NotAuthenticator } from '../db/serving.ts';
import { UnsafeDataDir } from './data-dir.ts';
import { DataDirLocked } from './lock.ts';
import { onShutdown } from './on-shutdown.ts';
import { startApi } from './start.ts';

const api = await startApi().catch((error: unknown) => {
  // A mistake in the setup is one line, not a stack trace.
  const known = [BadConnectionString, NotAuthenticator, UnsafeDataDir, DataDirLocked].some(
    (k) => error instanceof k,
  );
  const net = (error as NodeJS.ErrnoException).code;
  if (known) console.error(`embedded API: ${(error as Error).message}`);
  else if (
    net === 'ECONNREFUSED' ||
    net === 'ENOENT' ||
    net === 'EADDRINUSE' ||
    net === '28P01' ||
    net === '3D000'
  )
    console.error(`embedded API: cannot start: ${(error as Error).message}`);
  else console.error(error);
  process.exit(1);
});
console.log(`embedded API ready on ${api.url}`);
console.log(`  anon key:         ${api.keys.anon}`);
onShutdown(() => api.close());
