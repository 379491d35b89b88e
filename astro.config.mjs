// @ts-check
import { defineConfig, envField } from 'astro/config';
import react from '@astrojs/react';
import { LOCAL_SUPABASE_URL } from './src/integrations/build-env.ts';
import { CHUNK_GROUPS } from './src/integrations/chunk-groups.ts';
import { siteSecurity } from './src/integrations/site-security.ts';
import { validateDistricts } from './src/districts/validate.ts';

// Stops the build with a readable message if a district's configuration is wrong or TUOYU_DISTRICT is unknown.
const district = validateDistricts();

export default defineConfig({
  // The site's public URL (hreflang links). Required by a production build: src/integrations/build-env.ts.
  site: process.env.SITE_URL || undefined,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [react(), siteSecurity()],
  i18n: {
    defaultLocale: 'zh-CN',
    locales: ['zh-CN', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  devToolbar: { enabled: false },
  // Libraries that always load together ship as one file each (src/integrations/chunk-groups.ts).
  vite: {
    build: { rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } } },
    // The district this build is for (src/districts/index.ts): browser code has no process.env.
    define: { __TUOYU_DISTRICT__: JSON.stringify(district) },
  },
  env: {
    schema: {
      // The map's base tiles (see README, Map configuration). 'none' works offline: outline and markers only.
      PUBLIC_MAP_BASE: envField.enum({
        context: 'client',
        access: 'public',
        values: ['none', 'osm', 'tianditu', 'amap'],
        default: 'none',
      }),
      PUBLIC_TIANDITU_KEY: envField.string({ context: 'client', access: 'public', optional: true }),
      // 审图号 of the base map, shown in the map's attribution.
      PUBLIC_MAP_APPROVAL_NO: envField.string({ context: 'client', access: 'public', optional: true }),
      // Where the browser's supabase-js client talks to: the embedded API (npm start sets both) or a Supabase
      // project. The anon key is public by design; never put the service key here.
      PUBLIC_SUPABASE_URL: envField.string({
        context: 'client',
        access: 'public',
        default: LOCAL_SUPABASE_URL,
      }),
      PUBLIC_SUPABASE_ANON_KEY: envField.string({ context: 'client', access: 'public', default: '' }),
    },
  },
});
