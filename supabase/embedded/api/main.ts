/**
 * Runs the embedded API alone: `node supabase/embedded/api/main.ts` (environment as in start.ts).
 * Prints one "ready" line with the URL, then the anon key; SIGINT/SIGTERM close it cleanly.
 */
import { startApi } from './start.ts';
import { onShutdown } from './on-shutdown.ts';

const api = await startApi();
console.log(`embedded API ready on ${api.url}`);
console.log(`  anon key:         ${api.keys.anon}`);
onShutdown(() => api.close());
