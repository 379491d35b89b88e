/**
 * Large-text mode, applied before first paint and remembered on this device: the one inline script of every page.
 * Kept here as text so the build can put its hash into the Content-Security-Policy (src/integrations/site-security.ts)
 * without copying it. Must stay under 1 KB.
 */
export const TEXT_MODE_SNIPPET =
  "(function(d){var e=d.documentElement,k='tuoyu.text';e.classList.add('js');try{if(localStorage.getItem(k)==='large')e.dataset.text='large'}catch(x){}function s(){var b=d.querySelectorAll('[data-text-toggle]');for(var i=0;i<b.length;i++)b[i].setAttribute('aria-pressed',String(e.dataset.text==='large'))}d.addEventListener('click',function(v){var b=v.target.closest&&v.target.closest('[data-text-toggle]');if(!b)return;var on=e.dataset.text!=='large';e.dataset.text=on?'large':'normal';try{localStorage.setItem(k,on?'large':'normal')}catch(x){}s()});d.addEventListener('DOMContentLoaded',s)})(document)";
