// @ts-check
/**
 * A select shows only as much of its choice as fits its box: at 200% text "hs-CRP (high-sensitivity
 * C-reactive protein)" read "hs-CRP (high". Where the chosen option's text is cut, it is repeated
 * in full just below the select, and the line goes again when the choice fits.
 */
import { h } from './dom.js';

/** @type {CanvasRenderingContext2D | null} */
let pen = null;

/** Whether the select's chosen text is wider than its box (less its padding and arrow). @param {HTMLSelectElement} select */
function cut(select) {
  const text = select.selectedOptions[0]?.text ?? '';
  if (!text || !select.getClientRects().length) return false;
  const s = getComputedStyle(select);
  pen ??= document.createElement('canvas').getContext('2d');
  if (!pen) return false;
  pen.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - parseFloat(s.fontSize); // the arrow
  return pen.measureText(text).width > room;
}

/** Show, update or take away the full text under one select. @param {HTMLSelectElement} select */
function paint(select) {
  const next = select.nextElementSibling;
  const echo = next?.classList.contains('select-full') ? /** @type {HTMLElement} */ (next) : null;
  if (!cut(select)) { echo?.remove(); return; }
  const text = select.selectedOptions[0].text;
  // aria-hidden: a screen reader already reads the select's whole value.
  if (!echo) select.after(h('p', { class: 'select-full', 'aria-hidden': 'true', text }));
  else if (echo.textContent !== text) echo.textContent = text;
}

/**
 * Keep every select inside `root` (the view, which screens redraw) echoed: new selects, changed
 * choices, and boxes that change size (text size, rotation).
 * @param {HTMLElement} root
 */
export function echoLongChoices(root) {
  const sized = new ResizeObserver((entries) => entries.forEach((e) => paint(/** @type {HTMLSelectElement} */ (e.target))));
  const watched = new WeakSet();
  const scan = () => {
    for (const select of root.querySelectorAll('select')) {
      if (!watched.has(select)) { watched.add(select); sized.observe(select); }
      paint(select);
    }
  };
  new MutationObserver(scan).observe(root, { childList: true, subtree: true });
  root.addEventListener('change', (e) => { if (e.target instanceof HTMLSelectElement) paint(e.target); });
  scan();
}
