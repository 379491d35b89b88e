/**
 * How the client JavaScript is split into files (Vite 8 → Rolldown `output.codeSplitting.groups`). Left alone, the
 * bundler makes a file for every set of islands that shares a module, so the lecture sign-up page fetched 17 small
 * files. Each file costs its own gzip header and dictionary; these groups put libraries that always load together
 * into one file each, which keeps the sign-up page within its 100 KB budget (tests/unit/lectures-budget.test.ts)
 * and every island page a little lighter:
 * - `react`: React, react-dom, its scheduler and Astro's React renderer (every island page loads all four);
 * - `public-rpc`: postgrest-js and the anonymous RPC module built on it (survey and lecture islands);
 * - `lecture-common`: what the schedule, sign-up, look-up and staff lecture islands all use (event facts, the
 *   phone fallback, Beijing-time display, codes and phones, the forms' small resolver).
 * - `forms`: zod, react-hook-form and the labelled field and error summary every zod form uses (lecture sign-up and
 *   look-up, staff sign-in and forms); without it the bundler split zod and react-hook-form into files of their own
 *   once the staff survey console shared them, and the sign-up page went 285 B over its budget. The families'
 *   survey form checks answers with the form engine and loads none of it.
 * - `fill`: the one template helper (src/lib/i18n/fill.ts), which the list page's filter element shares with the
 *   lecture islands; on its own so the list page does not load `lecture-common` (and React) for it.
 * Dependencies of a group's modules join it unless a group of higher priority claims them.
 */
type Group = { name: string; test: RegExp; priority: number };

export const CHUNK_GROUPS: Group[] = [
  { name: 'fill', test: /src[\\/]lib[\\/]i18n[\\/]fill\./, priority: 3 },
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|@astrojs[\\/]react)[\\/]|src[\\/]lib[\\/]schemas[\\/]form-resolver\./,
    priority: 2,
  },
  {
    name: 'public-rpc',
    test: /node_modules[\\/]@supabase[\\/]postgrest-js[\\/]|src[\\/]lib[\\/]supabase[\\/]public-rpc\./,
    priority: 2,
  },
  {
    name: 'forms',
    test: /node_modules[\\/](zod|react-hook-form)[\\/]|src[\\/]islands[\\/](TextField|ErrorSummary)\./,
    priority: 1,
  },
  {
    name: 'lecture-common',
    test: /src[\\/](islands[\\/]lectures[\\/](EventFacts|PhoneFallback)|lib[\\/]lectures[\\/](format|model|answer-checks))\./,
    priority: 1,
  },
];
