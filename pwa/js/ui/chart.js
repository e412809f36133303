// @ts-check
/**
 * Small SVG line/dot charts for practice screens: dates on x, one or two value series,
 * optional shaded bands and reference lines. No DOM reading beyond its own size, no
 * third-party code. The chart redraws itself for the width it gets and the person's text
 * size, so its labels are at least 12 px and never squeezed; an axis is drawn only for a
 * series that has points; dates read in the person's locale.
 * @typedef {{date: string, value: number}} Point
 * @typedef {{points: Point[], cls: string, label: string, axis?: 'left'|'right'}} Series
 * @typedef {{low: number|null, high: number|null, cls: string, label: string}} ChartBand
 * @typedef {{series: Series[], bands?: ChartBand[], lines?: {value: number, cls: string, label: string}[],
 *          yMin?: number, yMax?: number, rightMax?: number, title: string, from?: string, to?: string,
 *          yFormat?: (v: number) => string}} ChartOptions
 */
import { shortDate, MIN_FONT } from '../domain/charts.js';

const NS = 'http://www.w3.org/2000/svg';

/** @param {string} tag @param {Record<string, any>} attrs @param {string} [text] */
function s(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text === undefined) return el;
  if (tag === 'text') el.textContent = text;
  else el.append(Object.assign(document.createElementNS(NS, 'title'), { textContent: text }));
  return el;
}

const dayNum = (/** @type {string} */ iso) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const isoOf = (/** @type {number} */ n) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const fmt = (/** @type {number} */ v) => String(Math.round(v * 100) / 100);

/** A round number at or above x (1, 1.2, 1.5, 2 … 8 × a power of ten), for axis ends. @param {number} x */
export function niceCeil(x) {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((v) => v >= x - 1e-9) ?? 10 * p;
}

/**
 * @param {ChartOptions} opts
 * @returns {SVGSVGElement}  redraws itself whenever its width or the text size changes
 */
export function lineChart(opts) {
  const svg = /** @type {SVGSVGElement} */ (s('svg', { class: 'chart', role: 'img', 'aria-label': opts.title }));
  let drawn = '';
  const redraw = () => {
    const width = Math.round(svg.getBoundingClientRect().width) || 340;
    const font = Math.max(MIN_FONT, Math.round(0.8 * (parseFloat(getComputedStyle(svg).fontSize) || 16)));
    if (`${width}|${font}` === drawn) return;
    drawn = `${width}|${font}`;
    draw(svg, opts, width, font);
  };
  draw(svg, opts, 340, 13);
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(redraw).observe(svg);
  return svg;
}

/**
 * Draw into `svg` at `W` px wide with `font` px labels.
 * @param {SVGSVGElement} svg @param {ChartOptions} opts @param {number} W @param {number} font
 */
function draw(svg, { series, bands = [], lines = [], yMin, yMax, rightMax = 10, from, to, yFormat = fmt }, W, font) {
  const left = series.filter((x) => x.axis !== 'right').flatMap((x) => x.points.map((p) => p.value));
  const bandVals = /** @type {number[]} */ (bands.flatMap((b) => [b.low, b.high]).filter((v) => v !== null));
  const all = [...left, ...bandVals, ...lines.map((l) => l.value)];
  const lo = yMin ?? Math.min(0, ...all);
  const hi = yMax ?? niceCeil(Math.max(1, ...all) * 1.05);
  const rightAxis = series.some((x) => x.axis === 'right' && x.points.length > 0); // never an empty axis
  const yLabels = [lo, (lo + hi) / 2, hi].map(yFormat);
  const L = Math.max(...yLabels.map((t) => t.length)) * font * 0.62 + 8;
  const R = rightAxis ? font * 1.6 + 8 : 10;
  const T = Math.round(font * 0.7);
  const B = font + 12;
  const H = Math.round(Math.max(170, W * 0.5));
  const dates = series.flatMap((x) => x.points.map((p) => dayNum(p.date)));
  const x0 = from ? dayNum(from) : Math.min(...dates);
  const x1 = Math.max(to ? dayNum(to) : Math.max(...dates), x0 + 1);
  const PAD = 8; // keep end dots off the frame
  const X = (/** @type {string} */ d) => L + PAD + ((dayNum(d) - x0) / (x1 - x0)) * (W - L - R - 2 * PAD);
  const Y = (/** @type {number} */ v) => T + (1 - (v - lo) / (hi - lo || 1)) * (H - T - B);
  const YR = (/** @type {number} */ v) => T + (1 - v / rightMax) * (H - T - B);
  const label = { class: 'chart-axis', 'font-size': font };

  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.append(s('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'chart-frame' }));
  for (const b of bands) {
    const top = Y(Math.min(hi, b.high ?? hi)), bottom = Y(Math.max(lo, b.low ?? lo));
    svg.append(s('rect', { x: L, y: top, width: W - L - R, height: Math.max(0, bottom - top), class: b.cls }, b.label));
  }
  for (const l of lines) {
    svg.append(s('line', { x1: L, x2: W - R, y1: Y(l.value), y2: Y(l.value), class: l.cls }));
    svg.append(s('text', { ...label, class: 'chart-note', x: W - R - 2, y: Y(l.value) - 3, 'text-anchor': 'end' }, l.label));
  }
  [lo, (lo + hi) / 2, hi].forEach((v, i) => svg.append(s('text', { ...label, x: L - 4, y: Y(v) + font * 0.35, 'text-anchor': 'end' }, yLabels[i])));
  if (rightAxis) for (const v of [0, rightMax]) svg.append(s('text', { ...label, x: W - R + 4, y: YR(v) + font * 0.35 }, String(v)));
  for (const x of series) {
    const pts = [...x.points].sort((a, b) => a.date.localeCompare(b.date));
    const yOf = x.axis === 'right' ? YR : Y;
    if (pts.length > 1) svg.append(s('polyline', { points: pts.map((p) => `${X(p.date)},${yOf(p.value)}`).join(' '), class: `${x.cls} chart-line` }));
    for (const p of pts) svg.append(s('circle', { cx: X(p.date), cy: yOf(p.value), r: 3.5, class: `${x.cls} chart-dot` }, `${shortDate(p.date)}: ${fmt(p.value)}`));
  }
  // Dates: the first and last day, and one between when there is room for it; where the two
  // would run into each other (200% text on a 320 px phone printed "Aug 25" over "Dec 3"),
  // the last alone, which still says where the range ends.
  const wide = (/** @type {number} */ n) => shortDate(isoOf(n)).length * font * 0.62;
  const ticks = W - L - R > font * 16 ? [x0, Math.round((x0 + x1) / 2), x1]
    : wide(x0) + wide(x1) + font * 0.5 > W - R - L ? [x1] : [x0, x1];
  ticks.forEach((n, i) => {
    const last = i === ticks.length - 1, first = i === 0 && !last;
    svg.append(s('text', { ...label, x: first ? L : last ? W - R : X(isoOf(n)), y: H - 4,
      'text-anchor': first ? 'start' : last ? 'end' : 'middle' }, shortDate(isoOf(n))));
  });
}

/**
 * A legend list for a chart.
 * @param {{cls: string, label: string}[]} items
 */
export function legend(items) {
  const ul = document.createElement('ul');
  ul.className = 'chart-legend';
  for (const it of items) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = `swatch ${it.cls}`;
    li.append(sw, it.label);
    ul.append(li);
  }
  return ul;
}
