// @ts-check
/**
 * What a person has done to a view that a redraw must not undo: which disclosures they
 * opened or closed, and where the keyboard focus was. A view that replaces its children
 * (after a sync, a poll) takes a snapshot first and restores it on the new children, so
 * an answer arriving while someone reads never folds their disclosure or drops their focus.
 */

/**
 * A name for an element that a freshly built copy of the same view gives again: its id,
 * else its card's heading and its own label, counted among elements named alike.
 * @param {Element} el
 * @param {string} own  the element's own label
 */
function baseKey(el, own) {
  if (el.id) return `#${el.id}`;
  const card = el.parentElement?.closest('[id], article, section, .card');
  const heading = card?.id ? `#${card.id}` : card?.querySelector('h2, h3')?.textContent ?? '';
  return `${el.tagName}|${heading}|${own}`;
}

/** @param {Element} el */
function ownLabel(el) {
  if (el.tagName === 'DETAILS') return el.querySelector('summary')?.textContent ?? '';
  return el.getAttribute('aria-label') ?? el.getAttribute('href') ?? el.textContent?.trim() ?? '';
}

/**
 * Every element matching `selector` under root with a key unique within root.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {Map<string, Element>}
 */
function keyed(root, selector) {
  const seen = new Map();
  const out = new Map();
  for (const el of root.querySelectorAll(selector)) {
    const base = baseKey(el, ownLabel(el));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}|${n}`, el);
  }
  return out;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/**
 * Take note of the disclosures' state and the focus under root; the returned function
 * puts them back on whatever root holds then (elements no longer there are skipped).
 * @param {ParentNode} root
 * @returns {() => void}
 */
export function keepViewState(root) {
  const open = new Map([...keyed(root, 'details')].map(([k, el]) => [k, /** @type {HTMLDetailsElement} */ (el).open]));
  const active = document.activeElement;
  const focusKey = active && active !== document.body && root.contains(active)
    ? [...keyed(root, FOCUSABLE)].find(([, el]) => el === active)?.[0] : undefined;
  return () => {
    for (const [k, el] of keyed(root, 'details')) {
      const was = open.get(k);
      if (was !== undefined) /** @type {HTMLDetailsElement} */ (el).open = was;
    }
    // Only where the focus is lost to the page (a person who moved on keeps their place).
    if (!focusKey || (document.activeElement && document.activeElement !== document.body)) return;
    const el = keyed(root, FOCUSABLE).get(focusKey);
    /** @type {HTMLElement | undefined} */ (el)?.focus({ preventScroll: true });
  };
}
