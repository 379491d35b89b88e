/**
 * Large-text mode and the folded demo notice (folded by default in large text), applied before first paint and
 * remembered on this device: the one inline script of every page.
 * Kept here as text so the build can put its hash into the Content-Security-Policy (src/integrations/site-security.ts)
 * without copying it. Must stay under 1 KB.
 */
export const HEAD_SCRIPT =
  "(function(d){var e=d.documentElement,k='tuoyu.text',n='tuoyu.demo',g=function(x){try{return localStorage.getItem(x)}catch(_){}},p=function(x,v){try{localStorage.setItem(x,v)}catch(_){}};e.classList.add('js');if(g(k)==='large')e.dataset.text='large';if(g(n)==='folded'||g(n)!=='open'&&e.dataset.text==='large')e.classList.add('demo-folded');function s(){var b=d.querySelectorAll('[data-text-toggle]');for(var i=0;i<b.length;i++)b[i].setAttribute('aria-pressed',String(e.dataset.text==='large'))}d.addEventListener('click',function(v){var c=v.target.closest,m=c&&v.target.closest('#demo-notice>summary'),b=c&&v.target.closest('[data-text-toggle]');if(m){e.classList.remove('demo-folded');p(n,m.parentNode.open?'folded':'open')}if(!b)return;var on=e.dataset.text!=='large';e.dataset.text=on?'large':'normal';p(k,on?'large':'normal');s()});d.addEventListener('DOMContentLoaded',function(){s();var t=d.getElementById('demo-notice');if(t&&e.classList.contains('demo-folded'))t.open=false})})(document)";
