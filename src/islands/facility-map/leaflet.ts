/**
 * Loads Leaflet, then the markercluster plugin (which extends the global `L` that Leaflet's UMD build sets), and
 * the map's stylesheet (Leaflet's CSS + ours, a separate file fetched only now, never inlined into pages).
 * Only ever imported dynamically, from the map module: nothing here runs on the server.
 */
import type * as Leaflet from 'leaflet';
import cssUrl from './map.css?url';

export type LeafletNS = typeof Leaflet;

function loadCss(href: string): Promise<void> {
  const existing = document.querySelector(`link[href="${href}"]`);
  if (existing) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'), {
      rel: 'stylesheet',
      href,
      onload: () => resolve(),
      onerror: reject,
    });
    document.head.append(link);
  });
}

export async function loadLeaflet(): Promise<LeafletNS> {
  const [mod] = await Promise.all([import('leaflet'), loadCss(cssUrl)]);
  // Leaflet is CommonJS: the default export is the same object as window.L, which the plugin extends.
  const L = ((mod as unknown as { default?: LeafletNS }).default ?? mod) as LeafletNS;
  await import('leaflet.markercluster');
  return L;
}
