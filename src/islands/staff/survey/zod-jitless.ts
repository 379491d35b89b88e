/**
 * zod compiles object checks with `Function` unless `jitless` is set, and the site's CSP forbids eval. zod reads
 * its global config from `globalThis.__zod_globalConfig` when its core module loads, so this module, imported
 * BEFORE anything that imports zod, sets it first (check-definition.worker.ts).
 */
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };
