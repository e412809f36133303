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
 * No toast covers a control the person may use next, nor an alert: after a save at 200% text
 * on a 320x640 phone "Check-in saved." sat over the last row of 0-10 for 3.5 s, just above the
 * save bar. It shows just above the tab bar (and the check-in's save bar), else just below the
 * top bar, else in the lowest free stretch between; it keeps clear while the page moves under
 * it (the check-in empties and scrolls to its top after the toast), moving when what it
 * covers changes. A toast answering what the person did shows at once and may cover the
 * screen's heading where nothing else is free (the check-in's question after a save); with no
 * free place at all it is announced and waits unseen until one frees up or its time ends.
 * A polite notice ("works offline now") is news, not an answer: it never covers the heading
 * either, and while no place is free it waits, a second at a time, like a notice behind
 * another toast (on the check-in's first screen at 200% text there is none, so it shows on
 * the next screen that has one). It goes at the person's first tap or key, which passes
 * through to what was tapped. It waits while a screen marked `data-hold-notices` is shown
 * (the welcome tour, which says itself that everything works offline).
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
  const keepOff = polite ? [NOTICE_KEEPS_OFF] : [NOTICE_KEEPS_OFF, TOAST_KEEPS_OFF];
  const placed = placeClear(region, el, keepOff);
  if (polite && !placed) {
    // Measured unseen (hidden content is not announced either), shown only where it is clear.
    el.remove();
    setTimeout(() => toast(message, { kind, ms, polite }), 1000);
    return;
  }
  el.classList.toggle('toast-unseen', !placed);
  const keepClear = () => {
    if (!el.isConnected) return;
    if (!el.classList.contains('toast-unseen') && !coversNeeded(el, keepOff[keepOff.length - 1])) return;
    el.classList.toggle('toast-unseen', !placeClear(region, el, keepOff));
  };
  // The page changes under a toast (a form empties, a list redraws, the person scrolls):
  // checked again on scroll and focus at once, and every quarter second for the rest.
  const timer = setInterval(keepClear, 250);
  const remove = () => {
    el.remove();
    clearInterval(timer);
    if (shownNotice?.el === el) shownNotice = null;
    for (const type of ['scroll', 'resize', 'focusin']) window.removeEventListener(type, keepClear, true);
    if (polite) for (const type of ['pointerdown', 'keydown']) document.removeEventListener(type, remove, true);
  };
  if (polite) shownNotice = { el, again: () => { remove(); toast(message, { kind, ms, polite }); } };
  for (const type of ['scroll', 'resize', 'focusin']) window.addEventListener(type, keepClear, true);
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

/** What no toast may cover: anything to tap or type in, an alert (what to do about a warning
 * sign), and the top bar it would hide the app's own controls in. */
const TOAST_KEEPS_OFF = 'a[href], button, input, select, textarea, summary, [tabindex="0"], [role="alert"], .topbar';
/** Where it can, a toast keeps off the screen's heading (the check-in's question) too. */
const NOTICE_KEEPS_OFF = `${TOAST_KEEPS_OFF}, h1`;
const TOAST_GAP = 4; // px between a toast and what it keeps off

/**
 * Put the toast in the first place, for the first list of things to keep off that has one,
 * where it covers none of them; false (and left where it was) if there is none.
 * @param {HTMLElement} region @param {HTMLElement} el @param {string[]} keepOffs  most careful first
 */
function placeClear(region, el, keepOffs) {
  el.classList.add('toast-measuring');
  const height = el.getBoundingClientRect().height;
  for (const keepOff of keepOffs) {
    const top = freePlace(el, keepOff, height);
    if (top === null) continue;
    region.style.setProperty('--toasts-top', `${top}px`);
    el.classList.remove('toast-measuring');
    return true;
  }
  el.classList.remove('toast-measuring');
  return false;
}

/**
 * Where (the top, in px from the viewport's top) a toast of `height` covers nothing matching
 * `keepOff` in its columns: just above the floor (the tab bar, the check-in's save bar: both
 * measured, as large text makes them taller than any fixed figure), else the highest free
 * stretch (just below the top bar on a screen's first view); null where nothing is free.
 * @param {HTMLElement} el @param {string} keepOff @param {number} height
 */
function freePlace(el, keepOff, height) {
  const floor = [document.getElementById('tabs'), document.querySelector('#view .save-bar')]
    .map((bar) => (bar && bar.getClientRects().length ? bar.getBoundingClientRect().top : innerHeight))
    .reduce((a, b) => Math.min(a, b), innerHeight) - TOAST_GAP;
  const taken = blockers(el, keepOff).map((b) => [b.top - TOAST_GAP, b.bottom + TOAST_GAP]).sort((a, b) => a[0] - b[0]);
  const free = [];
  let from = TOAST_GAP;
  for (const [top, bottom] of taken) {
    if (top > from) free.push([from, Math.min(top, floor)]);
    from = Math.max(from, bottom);
  }
  if (from < floor) free.push([from, floor]);
  const fits = free.filter(([top, bottom]) => bottom - top >= height);
  if (!fits.length) return null;
  const lowest = fits[fits.length - 1];
  return lowest[1] === floor ? floor - height : fits[0][0];
}

/**
 * The boxes on screen a toast must keep off: those matching `keepOff` in the toast's columns,
 * and the focused element whatever it is (the body and the view itself count as nothing).
 * @param {HTMLElement} el @param {string} keepOff
 */
function blockers(el, keepOff) {
  const cols = el.getBoundingClientRect();
  const focused = document.activeElement;
  const nodes = [...document.querySelectorAll(keepOff)];
  if (focused && focused !== document.body && focused.id !== 'view') nodes.push(focused);
  return nodes.filter((n) => !el.contains(n)).map((n) => n.getBoundingClientRect())
    .filter((b) => b.width > 1 && b.height > 1 && b.bottom > 0 && b.top < innerHeight && b.left < cols.right && cols.left < b.right);
}

/**
 * Whether the toast, where it is, is off the screen or covers something it must keep off.
 * @param {HTMLElement} el @param {string} keepOff
 */
function coversNeeded(el, keepOff) {
  const a = el.getBoundingClientRect();
  if (a.top < 0 || a.bottom > innerHeight) return true;
  return blockers(el, keepOff).some((b) => overlap(a, b));
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
