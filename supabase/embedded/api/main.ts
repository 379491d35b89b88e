/**
 * Runs the embedded API alone: `node supabase/embedded/api/main.ts` (environment as in start.ts).
 * Prints one "ready" line with the URL, then the anon key; SIGINT/SIGTERM close it cleanly.
 */
import { startApi } from './start.ts';

const api = await startApi();
console.log(`embedded API ready on ${api.url}`);
console.log(`  anon key:         ${api.keys.anon}`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  api.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
