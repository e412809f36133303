// @ts-check
/**
 * Choose which check-in sections show and in what order: a list with a "Show" box and
 * Move up / Move down buttons per section (44 px targets, plain buttons, so it works by
 * touch, keyboard and screen reader alike). Used by the welcome tour and Settings.
 */
import { h } from './dom.js';
import { SECTIONS, ALWAYS_SHOWN, shownSections } from '../domain/checkin.js';

/**
 * @param {string[] | null | undefined} chosen  the person's current choice (null: all, default order)
 * @returns {{el: HTMLElement, get: () => string[]}}
 */
export function sectionPicker(chosen) {
  const shown = new Set(shownSections(chosen));
  // Shown ones first in their order, then the hidden ones in the usual order.
  /** @type {string[]} */
  let order = [...shownSections(chosen), ...SECTIONS.map((s) => s.key).filter((k) => !shown.has(k))];
  const list = h('ol', { class: 'section-picker' });

  const paint = (/** @type {string | null} */ focusKey = null, /** @type {string} */ focusWhich = '') => {
    list.replaceChildren(...order.map((key, i) => row(key, i)));
    if (focusKey) { // the focus stays with the moved row: on the same button, or the other at an end
      const buttons = [...list.querySelectorAll(`[data-key="${focusKey}"] [data-move]`)];
      const same = /** @type {HTMLButtonElement | undefined} */ (buttons.find((b) => b.getAttribute('data-move') === focusWhich));
      /** @type {HTMLButtonElement | undefined} */ (same && !same.disabled ? same : buttons.find((b) => b !== same))?.focus();
    }
  };
  const move = (/** @type {number} */ i, /** @type {number} */ by) => {
    const next = [...order];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    order = next;
    paint(order[i + by], by < 0 ? 'up' : 'down');
  };
  const row = (/** @type {string} */ key, /** @type {number} */ i) => {
    const title = SECTIONS.find((s) => s.key === key)?.title ?? key;
    const fixed = ALWAYS_SHOWN.includes(key);
    const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', checked: shown.has(key), disabled: fixed,
      onchange: () => { if (box.checked) shown.add(key); else shown.delete(key); } }));
    return h('li', { class: 'section-row', 'data-key': key },
      // The title and "(always shown)" flow as one text: as two flex items at 200% text each
      // got a third of the row ("Warning / signs", "(always / shown)" a word or less a line).
      h('label', { class: 'row grow' }, box, h('span', {}, title,
        ...(fixed ? [' ', h('span', { class: 'muted', text: '(always shown)' })] : []))),
      h('span', { class: 'section-moves' },
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-move': 'up', text: '↑', 'aria-label': `Move ${title} up`,
          disabled: i === 0, onclick: () => move(i, -1) }),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-move': 'down', text: '↓', 'aria-label': `Move ${title} down`,
          disabled: i === order.length - 1, onclick: () => move(i, 1) })));
  };
  paint();
  return { el: list, get: () => order.filter((k) => shown.has(k) || ALWAYS_SHOWN.includes(k)) };
}
