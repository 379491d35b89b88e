/**
 * <facility-map>: the map island's loader, the only part that ships eagerly (about 1.5 KB gzip). It imports the
 * Leaflet module at once: the map page opens with the map in its first screen.
 * It also keeps `[data-keep-query]` links (list ⇄ map) pointing at the current filters.
 */
type Mounted = { locate(): void };

export class FacilityMapElement extends HTMLElement {
  private loading: Promise<Mounted | null> | null = null;

  connectedCallback() {
    const follow = () => {
      for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-query]'))
        a.setAttribute('href', a.pathname + location.search);
    };
    document.addEventListener('facility-filter-change', follow);
    follow();
    this.querySelector('[data-near-button]')?.addEventListener('click', async () =>
      (await this.load())?.locate(),
    );
    // Sent here to see one facility (/map/#f=<id>, from a detail page): bring the map on screen.
    if (/^#f=/.test(location.hash)) this.querySelector('[data-canvas]')?.scrollIntoView({ block: 'center' });
    // The map is the page's content and sits in the first screen: load it at once (also in large text, where
    // waiting for it to scroll into view left "地图加载中……" on screen).
    void this.load();
  }

  private load(): Promise<Mounted | null> {
    this.loading ??= (async () => {
      performance.mark('facility-map:start');
      try {
        const { mountMap } = await import('./mount.ts');
        return await mountMap(this);
      } catch (error) {
        this.dataset.state = 'failed';
        const status = this.querySelector('[data-map-status]');
        if (status) status.textContent = this.dataset.failed ?? '';
        console.warn(error);
        return null;
      }
    })();
    return this.loading;
  }
}

if (!customElements.get('facility-map')) customElements.define('facility-map', FacilityMapElement);
