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
 * @param {string} message
 * @param {{kind?: 'ok'|'warn'|'error', ms?: number, polite?: boolean}} [options]  polite: wait for the current toast
 */
export function toast(message, { kind = 'ok', ms = 3500, polite = false } = {}) {
  const region = document.getElementById('toasts');
  if (!region) return;
  // A polite notice ("works offline now") waits its turn: it must never replace the
  // confirmation of something the person just did ("Check-in saved").
  if (polite && region.childElementCount) {
    setTimeout(() => toast(message, { kind, ms, polite }), 1000);
    return;
  }
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', text: message });
  region.replaceChildren(el); // one at a time: a pile of toasts hides the page
  setTimeout(() => el.remove(), ms);
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
