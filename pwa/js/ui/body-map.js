// @ts-check
/**
 * <ew-body-map>: where it hurts, on a front/back body outline, or as a list of named chips.
 *
 * Touch: the whole body shows a few large areas (head, trunk, each arm and leg, hips); tapping
 * one zooms into it, where every region is at least 44 px, and a tap there toggles a region.
 * Keyboard: the figure is ONE tab stop; arrow keys move between regions on screen, Space or
 * Enter toggles, Escape zooms back out (moving into another area zooms there). Screen readers
 * meet each region as a checkbox. Property `value`: selected region keys. Fires "change".
 */
import { h } from './dom.js';
import { VIEWS, VIEWBOX, SIDE_LABELS, AREAS, areaOf, neighbour, zoomScale } from '../domain/body-geometry.js';
import { labelOf, REGIONS } from '../domain/vocabulary.js';

const SVG = 'http://www.w3.org/2000/svg';
const ZOOMED_MAX_HEIGHT = 460;
const KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);
let uid = 0;

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
    /** @type {string | null} the zoomed area's key, or null for the whole body */
    this.zoom = null;
    /** @type {string} the region holding the map's single tab stop */
    this.current = VIEWS.front[0].region;
    this.hintId = `bodymap-hint-${++uid}`;
  }

  connectedCallback() {
    if (this.figure) return;
    this.tabs = h('div', { class: 'bodymap-views', role: 'group', 'aria-label': 'Side of the body' },
      ...(/** @type {const} */ (['front', 'back', 'list'])).map((v) => h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-view': v,
        text: { front: 'Front', back: 'Back', list: 'List' }[v], onclick: () => this.show(v) })));
    this.hint = h('p', { class: 'bodymap-hint muted', id: this.hintId });
    this.figure = h('div', { class: 'bodymap' });
    this.summary = h('p', { class: 'bodymap-selected', 'aria-live': 'polite' });
    this.append(this.tabs, this.hint, this.figure, this.summary);
    this.show(this.view);
  }

  get value() { return [...this.selected]; }
  set value(list) { this.selected = new Set(list ?? []); this.paint(); }

  /**
   * @param {'front'|'back'|'list'} view
   * @param {string | null} [zoom]
   */
  show(view, zoom = null) {
    const focused = this.contains(document.activeElement) && document.activeElement?.closest('svg');
    if (view !== this.view && view !== 'list') this.current = VIEWS[view][0].region;
    // Zoomed in by a tap: the tab stop moves to the area's first region, so it is on screen.
    if (zoom && view !== 'list' && areaOf(view, this.current)?.key !== zoom) {
      this.current = VIEWS[view].find((sh) => areaOf(view, sh.region)?.key === zoom)?.region ?? this.current;
    }
    const zoomed = (view === 'list' ? null : zoom) !== this.zoom;
    this.view = view;
    this.zoom = view === 'list' ? null : zoom;
    const fig = /** @type {HTMLElement} */ (this.figure);
    fig.replaceChildren(view === 'list' ? this.list() : this.drawing(view));
    if (this.zoom) fig.append(h('button', { type: 'button', class: 'btn btn-small btn-quiet bodymap-out', text: 'Whole body', onclick: () => this.show(this.view) }));
    // Zooming swaps a tall drawing for a short one (at 200% text on a 320 px phone, 533 px for
    // 148): the zoomed area was left above the screen, with "Nothing selected yet." in view.
    if (zoomed && this.isConnected) fig.scrollIntoView({ block: 'nearest' });
    for (const b of /** @type {HTMLElement} */ (this.tabs).querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.view === view));
    }
    /** @type {HTMLElement} */ (this.hint).textContent = view === 'list' ? ''
      : this.zoom ? 'Tap each place that hurts. Arrow keys move, Space selects, Escape goes back.'
        : 'Tap the part of the body that hurts to zoom in. Arrow keys move between places, Space selects.';
    this.paint();
    if (focused) this.focusCurrent();
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

  /**
   * The outline with its regions; zoomed into one area, or whole with the areas as targets.
   * @param {'front'|'back'} view
   */
  drawing(view) {
    const area = this.zoom ? AREAS[view].find((a) => a.key === this.zoom) : undefined;
    const root = svg('svg', { viewBox: area ? area.zoom.join(' ') : VIEWBOX, role: 'group',
      'aria-label': `Body, ${view} view${area ? `, ${area.label.toLowerCase()}` : ''}`, 'aria-describedby': this.hintId,
      class: area ? 'zoomed' : 'whole' });
    if (area) {
      const s = zoomScale(area, Math.min(/** @type {HTMLElement} */ (this.figure).clientWidth || 288, 480), ZOOMED_MAX_HEIGHT);
      root.style.width = `${Math.floor(area.zoom[2] * s)}px`;
      root.style.maxWidth = 'none';
    }
    const sides = SIDE_LABELS[view];
    if (!area) {
      for (const [x, anchor, text] of [[6, 'start', sides.viewerLeft], [194, 'end', sides.viewerRight]]) {
        const t = svg('text', { x: String(x), y: '14', 'text-anchor': String(anchor), class: 'side-label', 'aria-hidden': 'true' });
        t.textContent = String(text);
        root.append(t);
      }
    }
    // A thick outline under all regions closes the gaps between them into one body shape.
    const silhouette = svg('g', { class: 'silhouette', 'aria-hidden': 'true' });
    for (const { d } of VIEWS[view]) silhouette.append(svg('path', { d }));
    root.append(silhouette);
    for (const { region, d } of VIEWS[view]) {
      const elsewhere = area && areaOf(view, region)?.key !== area.key;
      const p = svg('path', { d, class: `region${elsewhere ? ' elsewhere' : ''}`, 'data-region': region, role: 'checkbox',
        tabindex: '-1', 'aria-label': labelOf(region), 'aria-checked': 'false' });
      if (area && !elsewhere) p.addEventListener('click', () => { this.current = region; this.toggle(region); });
      if (elsewhere) p.addEventListener('click', () => this.show(view, areaOf(view, region)?.key ?? null));
      root.append(p);
    }
    if (!area) {
      // The whole body's tap targets: large invisible areas over the drawing (not in the tab order).
      for (const a of AREAS[view]) {
        const [x, y, w, hh] = a.hit;
        const r = svg('rect', { x: String(x), y: String(y), width: String(w), height: String(hh), class: 'area', 'data-area': a.key, 'aria-hidden': 'true' });
        r.append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: `${a.label}: tap to zoom in` }));
        r.addEventListener('click', () => this.show(view, a.key));
        root.append(r);
      }
    }
    root.addEventListener('keydown', (e) => this.key(e));
    return root;
  }

  /** Arrow keys, Home/End, Space/Enter and Escape inside the map. @param {KeyboardEvent} e */
  key(e) {
    if (this.view === 'list') return;
    const view = this.view;
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      this.toggle(this.current);
    } else if (e.key === 'Escape' && this.zoom) {
      e.preventDefault();
      this.show(view);
    } else if (KEYS.has(e.key)) {
      e.preventDefault();
      this.current = neighbour(view, this.current, e.key);
      const area = areaOf(view, this.current)?.key ?? null;
      if (this.zoom && area !== this.zoom) this.show(view, area);
      else { this.paint(); this.focusCurrent(); }
    }
  }

  focusCurrent() {
    /** @type {SVGElement | null | undefined} */ (this.figure?.querySelector(`path[data-region="${this.current}"]`))?.focus();
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
      const key = p.getAttribute('data-region') ?? '';
      const on = this.selected.has(key);
      if (p instanceof HTMLInputElement) p.checked = on;
      else {
        p.setAttribute('aria-checked', String(on));
        p.setAttribute('tabindex', key === this.current ? '0' : '-1'); // one tab stop: the current region
      }
    }
    const names = this.value.map(labelOf);
    /** @type {HTMLElement} */ (this.summary).textContent = names.length ? `Selected: ${names.join(', ')}` : 'Nothing selected yet.';
  }
}

customElements.define('ew-body-map', BodyMap);
