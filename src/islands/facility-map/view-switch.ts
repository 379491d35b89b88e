/**
 * <map-view-switch>: on narrow screens the map page shows either the map or the list; two pressed-state
 * buttons switch between them. Wide screens show both side by side and hide the switch (CSS).
 */
export class MapViewSwitch extends HTMLElement {
  connectedCallback() {
    const layout = document.getElementById(this.dataset.layout ?? '');
    const buttons = [...this.querySelectorAll<HTMLButtonElement>('button[data-view]')];
    for (const button of buttons) {
      button.addEventListener('click', () => {
        if (layout) layout.dataset.view = button.dataset.view;
        for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
      });
    }
  }
}

if (!customElements.get('map-view-switch')) customElements.define('map-view-switch', MapViewSwitch);
