// @ts-check
/**
 * <ew-scale>: a 0–10 rating as one radio group of large buttons (the pain scale, and the smaller
 * stress/mood/sleep-quality scales). Attributes: label, low, high, variant ("pain" = big, coloured).
 * Property `value`: number or null. Fires "change". Tapping the chosen value again clears it.
 */
import { h } from './dom.js';

/** Fill colours from calm to severe; dark text up to 8, white on 9 and 10 (contrast ≥ 4.5:1). */
const PAIN_COLOURS = ['#7cc68b', '#98cf7a', '#b5d66a', '#d2dc5e', '#ecd85a', '#f5c451', '#f5a64a', '#ef8444', '#e2603d', '#c8432f', '#a52a24'];

/** @param {number} n */
export function levelColours(n) {
  return { fill: PAIN_COLOURS[n], text: n >= 9 ? '#ffffff' : '#1f1a17' };
}

class Scale extends HTMLElement {
  constructor() {
    super();
    /** @type {number | null} */
    this._value = null;
    /** @type {HTMLButtonElement[]} */
    this.buttons = [];
  }

  connectedCallback() {
    if (this.buttons.length) return;
    const coloured = this.getAttribute('variant') === 'pain';
    const grid = h('div', { class: 'scale-grid', role: 'radiogroup', 'aria-label': this.getAttribute('label') ?? 'Rating from 0 to 10' });
    for (let n = 0; n <= 10; n++) {
      const b = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', role: 'radio', 'aria-checked': 'false', text: String(n),
        onclick: () => this.choose(n), onkeydown: (/** @type {KeyboardEvent} */ e) => this.key(e, n) }));
      const c = coloured ? levelColours(n) : { fill: 'var(--accent)', text: 'var(--accent-text)' };
      b.style.setProperty('--level', c.fill);
      b.style.setProperty('--level-text', c.text);
      this.buttons.push(b);
      grid.append(b);
    }
    this.ends = h('div', { class: 'scale-ends', 'aria-hidden': 'true' },
      h('span', { text: `0 ${this.getAttribute('low') ?? ''}` }), h('span', { text: `${this.getAttribute('high') ?? ''} 10` }));
    this.append(grid, this.ends);
    this.paint();
  }

  get value() { return this._value; }
  set value(v) { this._value = v === null || v === undefined ? null : Number(v); this.paint(); }

  /** @param {number} n */
  choose(n) {
    this.value = this._value === n ? null : n;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Arrow keys move the choice, as in any radio group. @param {KeyboardEvent} e @param {number} n */
  key(e, n) {
    const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    const next = Math.min(10, Math.max(0, n + step));
    this.value = next;
    this.dispatchEvent(new Event('change', { bubbles: true }));
    this.buttons[next].focus();
  }

  paint() {
    const focusable = this._value ?? 0;
    this.buttons.forEach((b, n) => {
      b.setAttribute('aria-checked', String(n === this._value));
      b.tabIndex = n === focusable ? 0 : -1;
    });
  }
}

customElements.define('ew-scale', Scale);
