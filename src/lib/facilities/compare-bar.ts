/**
 * <compare-bar>: counts the ticked compare boxes of a form (boxes joined to it by their `form` attribute), shows
 * "已选 N 家 · 开始对比", and refuses a 4th tick with a message. Part of the list page's < 5 KB of scripts.
 */
const LIMIT = 3;

export class CompareBar extends HTMLElement {
  connectedCallback() {
    const form = this.dataset.form!;
    const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[form="${form}"]`)];
    const msg = this.querySelector<HTMLElement>('[data-msg]')!;
    const go = this.querySelector<HTMLElement>('[data-go]')!;
    const sync = (changed?: HTMLInputElement) => {
      let message = '';
      if (changed?.checked && boxes().filter((b) => b.checked).length > LIMIT) {
        changed.checked = false;
        message = this.dataset.limit!;
      }
      const n = boxes().filter((b) => b.checked).length;
      this.hidden = n === 0 && !message;
      go.textContent = this.dataset.template!.replace('{n}', String(n));
      msg.textContent = message || (n === 1 ? this.dataset.needTwo! : '');
    };
    document.addEventListener('change', (e) => {
      const box = e.target as HTMLInputElement;
      if (box.getAttribute('form') === form) sync(box);
    });
    this.querySelector('[data-clear]')!.addEventListener('click', () => {
      for (const b of boxes()) b.checked = false;
      sync();
    });
    addEventListener('pageshow', () => sync());
    sync();
  }
}
