// @ts-check
/**
 * Small SVG line/dot charts for practice screens: dates on x, one or two value series,
 * optional shaded bands and reference lines. No DOM reading, no third-party code.
 * @typedef {{date: string, value: number}} Point
 * @typedef {{points: Point[], cls: string, label: string, axis?: 'left'|'right'}} Series
 * @typedef {{low: number|null, high: number|null, cls: string, label: string}} ChartBand
 */

const NS = 'http://www.w3.org/2000/svg';
const W = 340, H = 180, L = 42, R = 30, T = 12, B = 24;

/** @param {string} tag @param {Record<string, any>} attrs @param {string} [text] */
function s(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text === undefined) return el;
  if (tag === 'text') el.textContent = text;
  else el.append(Object.assign(document.createElementNS(NS, 'title'), { textContent: text }));
  return el;
}

const dayNum = (iso) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const fmt = (v) => String(Math.round(v * 100) / 100);

/** A round number at or above x (1, 1.2, 1.5, 2 … 8 × a power of ten), for axis ends. */
export function niceCeil(x) {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((v) => v >= x - 1e-9) ?? 10 * p;
}

/**
 * @param {{series: Series[], bands?: ChartBand[], lines?: {value: number, cls: string, label: string}[],
 *          yMin?: number, yMax?: number, rightMax?: number, title: string, from?: string, to?: string,
 *          yFormat?: (v: number) => string}} opts
 * @returns {SVGSVGElement}
 */
export function lineChart({ series, bands = [], lines = [], yMin, yMax, rightMax = 10, title, from, to, yFormat = fmt }) {
  const svg = /** @type {SVGSVGElement} */ (s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title }));
  const left = series.filter((x) => x.axis !== 'right').flatMap((x) => x.points.map((p) => p.value));
  const bandVals = bands.flatMap((b) => [b.low, b.high]).filter((v) => v !== null);
  const all = [...left, ...bandVals, ...lines.map((l) => l.value)];
  const lo = yMin ?? Math.min(0, ...all);
  const hi = yMax ?? niceCeil(Math.max(1, ...all) * 1.05);
  const dates = series.flatMap((x) => x.points.map((p) => dayNum(p.date)));
  const x0 = from ? dayNum(from) : Math.min(...dates);
  const x1 = Math.max(to ? dayNum(to) : Math.max(...dates), x0 + 1);
  const PAD = 8; // keep end dots off the frame
  const X = (d) => L + PAD + ((dayNum(d) - x0) / (x1 - x0)) * (W - L - R - 2 * PAD);
  const Y = (v) => T + (1 - (v - lo) / (hi - lo || 1)) * (H - T - B);
  const YR = (v) => T + (1 - v / rightMax) * (H - T - B);

  svg.append(s('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'chart-frame' }));
  for (const b of bands) {
    const top = Y(Math.min(hi, b.high ?? hi)), bottom = Y(Math.max(lo, b.low ?? lo));
    svg.append(s('rect', { x: L, y: top, width: W - L - R, height: Math.max(0, bottom - top), class: b.cls }, b.label));
  }
  for (const l of lines) {
    svg.append(s('line', { x1: L, x2: W - R, y1: Y(l.value), y2: Y(l.value), class: l.cls }));
    svg.append(s('text', { x: W - R - 2, y: Y(l.value) - 3, 'text-anchor': 'end', class: 'chart-note' }, l.label));
  }
  for (const v of [lo, (lo + hi) / 2, hi]) svg.append(s('text', { x: L - 4, y: Y(v) + 4, 'text-anchor': 'end', class: 'chart-axis' }, yFormat(v)));
  if (series.some((x) => x.axis === 'right')) {
    for (const v of [0, rightMax]) svg.append(s('text', { x: W - R + 4, y: YR(v) + 4, class: 'chart-axis' }, String(v)));
  }
  for (const x of series) {
    const pts = [...x.points].sort((a, b) => a.date.localeCompare(b.date));
    const yOf = x.axis === 'right' ? YR : Y;
    if (pts.length > 1) svg.append(s('polyline', { points: pts.map((p) => `${X(p.date)},${yOf(p.value)}`).join(' '), class: `${x.cls} chart-line` }));
    for (const p of pts) svg.append(s('circle', { cx: X(p.date), cy: yOf(p.value), r: 3.5, class: `${x.cls} chart-dot` }, `${p.date}: ${fmt(p.value)}`));
  }
  const day = (n) => new Date(n * 86_400_000).toISOString().slice(5, 10);
  svg.append(s('text', { x: L, y: H - 6, class: 'chart-axis' }, day(x0)));
  svg.append(s('text', { x: W - R, y: H - 6, 'text-anchor': 'end', class: 'chart-axis' }, day(x1)));
  return svg;
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
