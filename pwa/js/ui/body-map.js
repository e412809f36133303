// @ts-check
/**
 * <ew-body-map>: front/back body outline; each region is a focusable checkbox (tap, Enter or
 * Space toggles it). A "List" view offers the same regions as large named chips, for small
 * regions and screen readers. Property `value`: selected region keys. Fires "change".
 */
import { h } from './dom.js';
import { VIEWS, VIEWBOX, SIDE_LABELS } from '../domain/body-geometry.js';
import { labelOf, REGIONS } from '../domain/vocabulary.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 */
function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

class BodyMap extends HTMLElement {
  constructor() {
    super();
    /** @type {Set<string>} */
    this.selected = new Set();
    /** @type {'front'|'back'|'list'} */
    this.view = 'front';
  }

  connectedCallback() {
    if (this.figure) return;
    this.tabs = h('div', { class: 'bodymap-views', role: 'group', 'aria-label': 'Side of the body' },
      ...(/** @type {const} */ (['front', 'back', 'list'])).map((v) => h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-view': v,
        text: { front: 'Front', back: 'Back', list: 'List' }[v], onclick: () => this.show(v) })));
    this.figure = h('div', { class: 'bodymap' });
    this.summary = h('p', { class: 'bodymap-selected', 'aria-live': 'polite' });
    this.append(this.tabs, this.figure, this.summary);
    this.show(this.view);
  }

  get value() { return [...this.selected]; }
  set value(list) { this.selected = new Set(list ?? []); this.paint(); }

  /** @param {'front'|'back'|'list'} view */
  show(view) {
    this.view = view;
    /** @type {HTMLElement} */ (this.figure).replaceChildren(view === 'list' ? this.list() : this.drawing(view));
    for (const b of /** @type {HTMLElement} */ (this.tabs).querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.view === view));
    }
    this.paint();
  }

  /** Every region as a named chip, front then back. */
  list() {
    const chips = [...REGIONS].sort((a, b) => (a.side === b.side ? 0 : a.side === 'front' ? -1 : 1)).map((r) => {
      const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', value: r.key, 'data-region': r.key,
        onchange: () => this.toggle(r.key) }));
      return h('label', { class: 'chip' }, box, h('span', { text: r.label }));
    });
    return h('div', { class: 'chips', role: 'group', 'aria-label': 'Body regions' }, ...chips);
  }

  /** @param {'front'|'back'} view */
  drawing(view) {
    const root = svg('svg', { viewBox: VIEWBOX, role: 'group', 'aria-label': `Body, ${view} view` });
    const sides = SIDE_LABELS[view];
    for (const [x, anchor, text] of [[6, 'start', sides.viewerLeft], [194, 'end', sides.viewerRight]]) {
      const t = svg('text', { x: String(x), y: '14', 'text-anchor': String(anchor), class: 'side-label', 'aria-hidden': 'true' });
      t.textContent = String(text);
      root.append(t);
    }
    // A thick outline under all regions closes the gaps between them into one body shape.
    const silhouette = svg('g', { class: 'silhouette', 'aria-hidden': 'true' });
    for (const { d } of VIEWS[view]) silhouette.append(svg('path', { d }));
    root.append(silhouette);
    for (const { region, d } of VIEWS[view]) {
      const p = svg('path', { d, class: 'region', 'data-region': region, role: 'checkbox', tabindex: '0',
        'aria-label': labelOf(region), 'aria-checked': 'false' });
      p.addEventListener('click', () => this.toggle(region));
      p.addEventListener('keydown', (e) => {
        if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); this.toggle(region); }
      });
      root.append(p);
    }
    return root;
  }

  /** @param {string} region */
  toggle(region) {
    if (this.selected.has(region)) this.selected.delete(region);
    else this.selected.add(region);
    this.paint();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  paint() {
    if (!this.figure) return;
    for (const p of this.figure.querySelectorAll('[data-region]')) {
      const on = this.selected.has(p.getAttribute('data-region') ?? '');
      if (p instanceof HTMLInputElement) p.checked = on;
      else p.setAttribute('aria-checked', String(on));
    }
    const names = this.value.map(labelOf);
    /** @type {HTMLElement} */ (this.summary).textContent = names.length ? `Selected: ${names.join(', ')}` : 'Tap where it hurts.';
  }
}

customElements.define('ew-body-map', BodyMap);
