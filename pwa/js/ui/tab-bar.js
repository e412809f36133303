// @ts-check
/**
 * The bottom tab bar. While the five labels fit in one row it is an ordinary tab bar; when they
 * do not (large text, a narrow screen) it folds into one "Menu" button that opens the same links
 * as a list, so large text never costs a third of the screen or a cut-off label. `--tabs-h`
 * always holds the bar's height, which the page padding, the save bar and toasts clear.
 */
import { h } from './dom.js';

/**
 * Fill the nav with one link per tab and the Menu button used when they do not fit.
 * @param {HTMLElement} nav
 * @param {[string, {title: string, icon?: string}][]} tabs  [route name, route]
 */
export function buildTabBar(nav, tabs) {
  const button = h('button', { type: 'button', class: 'tabs-menu-button', 'aria-expanded': 'false',
    onclick: () => setOpen(nav, !document.body.classList.contains('menu-open')) },
  h('span', { class: 'tabs-menu-icon', 'aria-hidden': 'true' }), h('span', { class: 'tabs-menu-text', text: 'Menu' }));
  const links = tabs.map(([name, r]) => h('a', { href: `#/${name}`, 'data-route': name, class: `tab tab-${r.icon ?? name}`,
    onclick: () => setOpen(nav, false) },
  h('span', { class: 'tab-icon', 'aria-hidden': 'true' }), h('span', { text: r.title })));
  nav.replaceChildren(...links, button); // the button last: opened, the links read top to bottom above it
  nav.onkeydown = (e) => { if (e.key === 'Escape' && document.body.classList.contains('menu-open')) { setOpen(nav, false); button.focus(); } };
  // A tap on the dimmed page behind the open menu closes it.
  document.addEventListener('click', (e) => { if (!nav.contains(/** @type {Node} */ (e.target))) setOpen(nav, false); });
  adaptTabBar(nav);
}

/**
 * Tabs in a row when they fit, else the Menu button. Measured by laying the row out for a
 * moment (no paint happens in between, so nothing flickers).
 * @param {HTMLElement} nav
 */
export function adaptTabBar(nav) {
  const body = document.body;
  const open = body.classList.contains('menu-open');
  body.classList.remove('tabs-menu', 'menu-open');
  const fits = nav.hidden || nav.scrollWidth <= nav.clientWidth + 1;
  body.classList.toggle('tabs-menu', !fits);
  body.classList.toggle('menu-open', !fits && open);
  const bar = nav.hidden ? 0 : (nav.querySelector('.tabs-menu-button')?.getBoundingClientRect().height ?? 0);
  document.documentElement.style.setProperty('--tabs-h', `${nav.hidden ? 0 : fits ? nav.offsetHeight : bar}px`);
}

/**
 * Open or close the folded menu.
 * @param {HTMLElement} nav
 * @param {boolean} open
 */
function setOpen(nav, open) {
  if (!document.body.classList.contains('tabs-menu')) return;
  document.body.classList.toggle('menu-open', open);
  nav.querySelector('.tabs-menu-button')?.setAttribute('aria-expanded', String(open));
  if (open) /** @type {HTMLElement | null} */ (nav.querySelector('a[aria-current]') ?? nav.querySelector('a'))?.focus();
}

/**
 * Re-fit the bar whenever its size or the window changes (text size, rotation).
 * @param {HTMLElement} nav
 */
export function keepTabBarFitted(nav) {
  let queued = false;
  const refit = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; adaptTabBar(nav); });
  };
  new ResizeObserver(refit).observe(nav);
  window.addEventListener('resize', refit);
  refit();
}
