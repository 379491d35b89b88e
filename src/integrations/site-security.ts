/**
 * The build's security work, as an Astro integration:
 * - a production build stops when its public settings are missing (./build-env.ts);
 * - Astro's `security.csp` writes each page's Content-Security-Policy meta element with the hashes of the inline
 *   scripts and styles it emits, plus the text-mode snippet's hash (computed here from its source) and the
 *   directives derived from the configuration (src/lib/security/csp.ts);
 * - after the build: the `<style>` Astro puts before the first island is moved into `<head>` (HTML allows style
 *   elements only there), and dist/_headers is written for static hosts (src/lib/security/headers.ts).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroUserConfig } from 'astro';
import { loadEnv } from 'vite';
import { baseSpec } from '../lib/map/base-layers.ts';
import { cspHash, pageCspDirectives, tileOrigins } from '../lib/security/csp.ts';
import { headersFile } from '../lib/security/headers.ts';
import { HEAD_SCRIPT } from '../lib/head-script.ts';
import { ProductionEnvError, productionEnvProblems, supabaseUrl } from './build-env.ts';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/**
 * Moves the style Astro writes before the first island (`astro-island,…{display:contents}`) from `<body>` to the
 * end of `<head>`. Only that one: any other `<style>` in the body (e.g. inside an inline SVG) stays where it is,
 * and the HTML validity test reports it if it is misplaced.
 */
function hoistIslandStyle(html: string): string {
  const bodyStart = html.search(/<body[\s>]/);
  const headEnd = html.indexOf('</head>');
  if (bodyStart < 0 || headEnd < 0 || headEnd > bodyStart) return html;
  const styles: string[] = [];
  const body = html.slice(bodyStart).replace(/<style>astro-island[^<]*<\/style>/g, (style) => {
    styles.push(style);
    return '';
  });
  if (!styles.length) return html;
  return html.slice(0, headEnd) + styles[0] + html.slice(headEnd, bodyStart) + body;
}

type CspDirectives = Extract<NonNullable<AstroUserConfig['security']>['csp'], object>['directives'];

export function siteSecurity(): AstroIntegration {
  return {
    name: 'tuoyu:site-security',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return; // astro dev cannot apply a CSP; check and sync need none
        const env = {
          ...loadEnv('production', config.vite.envDir ?? fileURLToPath(config.root), ''),
          ...process.env,
        };
        const problems = productionEnvProblems(env, config.site);
        if (problems.length) throw new ProductionEnvError(problems);
        const tiles = tileOrigins(baseSpec(env.PUBLIC_MAP_BASE, env.PUBLIC_TIANDITU_KEY));
        updateConfig({
          security: {
            csp: {
              algorithm: 'SHA-256',
              // Astro types directives as template literals of the directive names; ours are built from the same names.
              directives: pageCspDirectives({
                supabaseUrl: supabaseUrl(env),
                tileOrigins: tiles,
              }) as CspDirectives,
              scriptDirective: { hashes: [cspHash(HEAD_SCRIPT)] },
            },
          },
        });
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        for (const file of await htmlFiles(out)) {
          const html = await readFile(file, 'utf8');
          const fixed = hoistIslandStyle(html);
          if (fixed !== html) await writeFile(file, fixed);
        }
        await writeFile(join(out, '_headers'), headersFile());
      },
    },
  };
}
