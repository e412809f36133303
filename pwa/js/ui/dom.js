// @ts-check
/** Small DOM helpers: build elements without HTML strings (so user text is never parsed), announce messages. */

/**
 * Create an element. Attributes: `class`, `text`, `on{Event}` functions, booleans, strings.
 * A known tag gives its own element type (h('input') is an HTMLInputElement).
 * @template {string} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|undefined|false)} children
 * @returns {K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k in el && typeof v !== 'string') /** @type {any} */ (el)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return /** @type {any} */ (el);
}

/**
 * Show a short message in the page's live region (screen readers announce it).
 * A polite notice ("works offline now") is news, not an answer to what the person did: it
 * shows only where it covers no control and no heading — just above the tab bar (and the
 * check-in's save bar), else just below the top bar — and while neither place is free it
 * waits, a second at a time, like a notice behind another toast. Over the tab bar and the
 * save bar it hid "Menu" and "Save check-in" for up to 3.5 s after the first visit; below the
 * top bar at 320x640 with 200% text it covered the question and the first row of 0-10, just
 * above the save bar the scale's last rows (on that screen there is no free place, so it
 * shows on the next screen that has one). It goes at the person's first tap or key, which
 * passes through to what was tapped. It waits while a screen marked `data-hold-notices` is
 * shown (the welcome tour, which says itself that everything works offline). Any toast that
 * would cover the focused field steps to the other end of the screen.
 * @param {string} message
 * @param {{kind?: 'ok'|'warn'|'error', ms?: number, polite?: boolean}} [options]  polite: wait for the current toast
 */
export function toast(message, { kind = 'ok', ms = 3500, polite = false } = {}) {
  const region = document.getElementById('toasts');
  if (!region) return;
  // A polite notice waits its turn: it must never replace the confirmation of something the
  // person just did ("Check-in saved").
  if (polite && (region.childElementCount || document.querySelector('[data-hold-notices]'))) {
    setTimeout(() => toast(message, { kind, ms, polite }), 1000);
    return;
  }
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', text: message });
  region.replaceChildren(el); // one at a time: a pile of toasts hides the page
  placeToasts(region, 'bottom');
  if (polite) {
    // Measured unseen (hidden content is not announced either), shown only where it is clear.
    el.classList.add('toast-measuring');
    if (coversNeeded(el)) placeToasts(region, 'top');
    if (coversNeeded(el)) {
      el.remove();
      setTimeout(() => toast(message, { kind, ms, polite }), 1000);
      return;
    }
    el.classList.remove('toast-measuring');
  }
  const remove = () => {
    el.remove();
    if (shownNotice?.el === el) shownNotice = null;
    document.removeEventListener('focusin', stepAside, true);
    if (polite) for (const type of ['pointerdown', 'keydown']) document.removeEventListener(type, remove, true);
  };
  if (polite) shownNotice = { el, again: () => { remove(); toast(message, { kind, ms, polite }); } };
  const stepAside = () => { if (el.isConnected && covers(el, document.activeElement)) placeToasts(region, region.dataset.place === 'top' ? 'bottom' : 'top'); };
  stepAside();
  document.addEventListener('focusin', stepAside, true);
  if (polite) for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, remove, true);
  setTimeout(remove, ms);
}

/** The polite notice on screen now, and how to put it back in the queue. @type {{el: HTMLElement, again: () => void} | null} */
let shownNotice = null;

/**
 * A screen that holds notices (`data-hold-notices`) calls this once it is on the page: a notice
 * that came just before it (the service worker is often ready while sign-up turns into the
 * welcome tour) goes back to wait for the screen to close, instead of sitting over it.
 */
export function holdNotices() {
  shownNotice?.again();
}

/**
 * Put the toast region at the top (just below the top bar while it is on screen) or the bottom
 * (just above the tab bar, and the check-in's save bar while it is on screen: measured, as
 * large text makes both taller than any fixed figure).
 * @param {HTMLElement} region @param {'top'|'bottom'} place
 */
function placeToasts(region, place) {
  region.dataset.place = place;
  const bar = document.querySelector('.topbar');
  region.style.setProperty('--toasts-top', `${Math.max(0, bar ? bar.getBoundingClientRect().bottom : 0) + 4}px`);
  const floor = [document.getElementById('tabs'), document.querySelector('#view .save-bar')]
    .map((el) => (el && el.getClientRects().length ? el.getBoundingClientRect().top : innerHeight))
    .reduce((a, b) => Math.min(a, b), innerHeight);
  region.style.setProperty('--toasts-bottom', `${Math.max(0, innerHeight - floor) + 4}px`);
}

/** What a notice must never cover: anything to tap or type in, the screen's heading (the
 * check-in's question) and an alert (what to do about a warning sign). */
const NEEDED = 'a[href], button, input, select, textarea, summary, [tabindex="0"], h1, [role="alert"]';

/**
 * Whether `el` is off the screen or overlaps a control or a heading on it.
 * @param {HTMLElement} el
 */
function coversNeeded(el) {
  const a = el.getBoundingClientRect();
  if (a.top < 0 || a.bottom > innerHeight) return true;
  return [...document.querySelectorAll(NEEDED)].some((n) => {
    const b = n.getBoundingClientRect();
    return !el.contains(n) && b.width > 1 && b.height > 1 && overlap(a, b);
  });
}

/** Whether `el` overlaps the focused element (the body counts as nothing). @param {Element} el @param {Element | null} focused */
function covers(el, focused) {
  if (!focused || focused === document.body || focused.id === 'view') return false;
  return overlap(el.getBoundingClientRect(), focused.getBoundingClientRect());
}

/** Whether two boxes on the screen overlap. @param {DOMRect} a @param {DOMRect} b */
function overlap(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * "21 Nov 2026" in the device's locale for a local date "2026-11-21" (no time-zone shift).
 * @param {string} day
 */
export function dayLabel(day) {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * "21 Nov, 08:05" in the device's locale and zone.
 * @param {string} iso
 */
export function shortDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/**
 * "About this": a screen's explanation folded under its title, so the screen's action is on the
 * first screen at 200% text on a small phone (the paragraph above it filled that screen).
 * The text stays on the page, one tap away. @param {...Node} children
 */
export function aboutThis(...children) {
  return h('details', { class: 'about-this' }, h('summary', { text: 'About this' }), ...children);
}
