// @ts-check
/**
 * SVG charts for the insights screens, as strings: timeline, contributors, effect glyph,
 * weekly series. Pure (no DOM); readable in black and white — line styles and labels
 * carry the meaning, colour only repeats it.
 */
import { dayNumber, dayScale, linearScale } from './scales.js';
import { el, esc, r, svgDoc } from './svg.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "3 Mar" for an ISO date.
 * @param {string} iso
 */
export function shortDate(iso) {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;
}

/** @typedef {{date: string, value: number | null | undefined}} Point */

/**
 * Splits dated points into runs with no missing value and no gap longer than `maxGap`
 * days, so a line is never drawn across a day nobody recorded.
 * @param {Point[]} points
 * @param {number} [maxGap]  largest step in days that still joins two points
 * @returns {{date: string, value: number}[][]}
 */
export function segments(points, maxGap = 1) {
  const sorted = [...points].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const runs = [];
  let run = [];
  let last = -Infinity;
  for (const p of sorted) {
    const ok = typeof p.value === 'number' && Number.isFinite(p.value);
    const n = dayNumber(p.date);
    if (!ok || n - last > maxGap) { if (run.length) runs.push(run); run = []; }
    if (ok) { run.push({ date: p.date, value: /** @type {number} */ (p.value) }); last = n; }
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * An SVG path "d" for the points, one sub-path per run (see `segments`).
 * @param {Point[]} points
 * @param {(iso: string) => number} x
 * @param {(v: number) => number} y
 * @param {number} [maxGap]
 */
export function linePath(points, x, y, maxGap = 1) {
  return segments(points, maxGap)
    .map((run) => run.map((p, i) => `${i ? 'L' : 'M'}${r(x(p.date))} ${r(y(p.value))}`).join(''))
    .join('');
}

/**
 * An SVG path "d" filling from each run down to `base` (for the load area).
 * @param {Point[]} points
 * @param {import('./scales.js').DayScale} x
 * @param {(v: number) => number} y
 * @param {number} base  pixel y of the baseline
 */
export function areaPath(points, x, y, base) {
  const half = x.step / 2;
  return segments(points).map((run) => {
    const first = x(run[0].date) - half;
    const last = x(run[run.length - 1].date) + half;
    const top = run.map((p) => `L${r(x(p.date) - half)} ${r(y(p.value))}L${r(x(p.date) + half)} ${r(y(p.value))}`);
    return `M${r(first)} ${r(base)}${top.join('')}L${r(last)} ${r(base)}Z`;
  }).join('');
}

/**
 * Dots for points that stand alone (a run of one), which a line cannot show.
 * @param {Point[]} points
 * @param {(iso: string) => number} x
 * @param {(v: number) => number} y
 * @param {string} cls
 */
function loneDots(points, x, y, cls) {
  return segments(points).filter((run) => run.length === 1)
    .map(([p]) => el('circle', { cx: x(p.date), cy: y(p.value), r: 2.2, class: cls })).join('');
}

/**
 * @typedef {{date: string, pain_mean?: number | null, pain_max?: number | null,
 *   score?: number | null, flare?: boolean}} TimelineDay
 */

/**
 * The timeline: daily pain mean (solid) and max (dashed) on 0–10 over the inflammation
 * load (grey area, 0–100), flares marked with a triangle and the letter F.
 * @param {{days: TimelineDay[], from: string, to: string, width?: number, height?: number}} opts
 * @returns {string} SVG markup
 */
export function timelineChart({ days, from, to, width = 360, height = 220 }) {
  const m = { top: 18, right: 30, bottom: 50, left: 26 };
  const x = dayScale(from, to, [m.left, width - m.right]);
  const y = linearScale([0, 10], [height - m.bottom, m.top]);
  const load = linearScale([0, 100], [height - m.bottom, m.top]);
  const inRange = days.filter((d) => d.date >= from && d.date <= to);
  const pts = (/** @type {keyof TimelineDay} */ k) => inRange.map((d) => ({ date: d.date, value: /** @type {any} */ (d[k]) }));
  const body = [
    timelineAxes(x, y, width, height, m),
    el('path', { d: areaPath(pts('score'), x, load, y(0)), class: 'tl-load', fill: '#d0d0d0' }),
    el('path', { d: linePath(pts('pain_max'), x, y), class: 'tl-max', fill: 'none', stroke: '#555', 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }),
    el('path', { d: linePath(pts('pain_mean'), x, y), class: 'tl-mean', fill: 'none', stroke: '#000', 'stroke-width': 2.2, 'stroke-linejoin': 'round' }),
    loneDots(pts('pain_mean'), x, y, 'tl-mean-dot'),
    inRange.filter((d) => d.flare).map((d) => flareMark(x(d.date), m.top - 2)).join(''),
    timelineLegend(m.left, height - 14),
  ].join('');
  const title = `Daily pain and inflammation load from ${shortDate(from)} to ${shortDate(to)}`;
  return svgDoc(width, height, title, body, 'chart timeline');
}

/**
 * @param {import('./scales.js').DayScale} x
 * @param {import('./scales.js').LinearScale} y
 * @param {number} width
 * @param {number} height
 * @param {{top: number, right: number, bottom: number, left: number}} m
 */
function timelineAxes(x, y, width, height, m) {
  const grid = [0, 5, 10].map((v) => el('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: 'grid', stroke: '#bbb', 'stroke-width': 0.5 })
    + el('text', { x: m.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, String(v))
    + el('text', { x: width - m.right + 4, y: y(v) + 3, class: 'tick' }, String(v * 10))).join('');
  const xt = x.ticks(4).map((d) => el('text', { x: x(d), y: height - m.bottom + 14, 'text-anchor': 'middle', class: 'tick' }, esc(shortDate(d)))).join('');
  const names = el('text', { x: 2, y: m.top - 8, class: 'axis-name' }, 'pain')
    + el('text', { x: width - 2, y: m.top - 8, 'text-anchor': 'end', class: 'axis-name' }, 'load');
  return grid + xt + names;
}

/**
 * A downward triangle with an "F" above the day of a flare.
 * @param {number} cx
 * @param {number} top
 */
function flareMark(cx, top) {
  return el('path', { d: `M${r(cx - 4)} ${r(top - 7)}L${r(cx + 4)} ${r(top - 7)}L${r(cx)} ${r(top)}Z`, class: 'tl-flare', fill: '#000' });
}

/**
 * A legend with line samples, so the chart reads without colour.
 * @param {number} x0
 * @param {number} y0
 */
function timelineLegend(x0, y0) {
  const item = (/** @type {number} */ x, /** @type {string} */ mark, /** @type {string} */ label) =>
    `${mark}${el('text', { x: x + 22, y: y0 + 4, class: 'legend' }, label)}`;
  return [
    item(x0, el('line', { x1: x0, x2: x0 + 18, y1: y0, y2: y0, stroke: '#000', 'stroke-width': 2.2, class: 'legend-mark tl-mean' }), 'pain mean'),
    item(x0 + 92, el('line', { x1: x0 + 92, x2: x0 + 110, y1: y0, y2: y0, stroke: '#555', 'stroke-width': 1.5, 'stroke-dasharray': '4 3', class: 'legend-mark tl-max' }), 'max'),
    item(x0 + 140, el('rect', { x: x0 + 140, y: y0 - 5, width: 18, height: 10, fill: '#d0d0d0', class: 'legend-mark tl-load' }), 'load'),
    item(x0 + 192, el('path', { d: `M${x0 + 195} ${y0 - 4}L${x0 + 203} ${y0 - 4}L${x0 + 199} ${y0 + 3}Z`, fill: '#000', class: 'legend-mark tl-flare' }), 'flare'),
  ].join('');
}

/**
 * Horizontal bars, one per contributor, largest first, each labelled with its points.
 * @param {Record<string, number>} contributors  name → load points
 * @param {{width?: number, label?: (name: string) => string}} [opts]
 * @returns {string} SVG markup ('' when there is nothing to show)
 */
export function contributorsChart(contributors, { width = 360, label = humanise } = {}) {
  const rows = Object.entries(contributors || {}).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return '';
  const rowH = 26;
  const labelW = 130;
  const max = Math.max(...rows.map(([, v]) => v));
  const x = linearScale([0, max], [0, width - labelW - 40]);
  const body = rows.map(([name, v], i) => {
    const y0 = i * rowH + 4;
    return el('text', { x: 0, y: y0 + 14, class: 'bar-label' }, esc(label(name)))
      + el('rect', { x: labelW, y: y0 + 2, width: Math.max(1, x(v)), height: rowH - 10, class: `bar${i ? '' : ' bar-top'}`, fill: i ? '#888' : '#222' })
      + el('text', { x: labelW + x(v) + 4, y: y0 + 14, class: 'bar-value' }, String(Math.round(v)));
  }).join('');
  return svgDoc(width, rows.length * rowH + 6, 'Load points by contributor', body, 'chart contributors');
}

/** Names the analysis uses that read badly when merely de-underscored. */
const LABELS = /** @type {Record<string, string>} */ ({
  acute_chronic: 'Activity swings', activity_spike: 'Activity spike', post_exertion: 'After exertion',
  nsaid: 'NSAID use', nsaid_doses: 'NSAID doses', meals: 'Meal timing', acwr: 'Activity swings',
  sleep_hours: 'Sleep hours', sleep_quality: 'Sleep quality', alcohol_units: 'Alcohol',
});

/**
 * "recovery_debt" → "Recovery debt".
 * @param {string} name
 */
export function humanise(name) {
  if (LABELS[name]) return LABELS[name];
  const s = String(name).replace(/^custom\./, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * An effect with its interval: a dashed line at no difference, a bar from ci_low to
 * ci_high with end caps, a filled dot at the estimate, and the numbers underneath.
 * With `nullValue` 1 the effect is a ratio (flare odds) and is drawn on a log scale.
 * @param {{effect: number, ci_low: number, ci_high: number}} p
 * @param {{width?: number, nullValue?: number, unit?: string}} [opts]
 */
export function effectGlyph(p, { width = 300, nullValue = 0, unit = '' } = {}) {
  const ratio = nullValue === 1;
  const t = (/** @type {number} */ v) => (ratio ? Math.log(Math.max(v, 1e-6)) : v - nullValue);
  const reach = Math.max(Math.abs(t(p.ci_low)), Math.abs(t(p.ci_high)), Math.abs(t(p.effect)), 1e-9) * 1.15;
  const lin = linearScale([-reach, reach], [12, width - 12]);
  const x = (/** @type {number} */ v) => lin(t(v));
  const y = 30;
  const fmt = (/** @type {number} */ v) => (ratio ? `×${Number(v.toFixed(2))}` : `${v > 0 ? '+' : ''}${Number(v.toFixed(2))}${unit}`);
  const anchor = (/** @type {number} */ px) => (px < 40 ? 'start' : px > width - 40 ? 'end' : 'middle');
  const body = [
    el('text', { x: x(nullValue), y: 10, 'text-anchor': anchor(x(nullValue)), class: 'tick' }, 'no difference'),
    el('line', { x1: x(nullValue), x2: x(nullValue), y1: 15, y2: 44, stroke: '#666', 'stroke-dasharray': '3 3', class: 'null' }),
    el('line', { x1: x(p.ci_low), x2: x(p.ci_high), y1: y, y2: y, stroke: '#000', 'stroke-width': 2, class: 'ci' }),
    el('line', { x1: x(p.ci_low), x2: x(p.ci_low), y1: y - 6, y2: y + 6, stroke: '#000', 'stroke-width': 2, class: 'ci-end' }),
    el('line', { x1: x(p.ci_high), x2: x(p.ci_high), y1: y - 6, y2: y + 6, stroke: '#000', 'stroke-width': 2, class: 'ci-end' }),
    el('circle', { cx: x(p.effect), cy: y, r: 5, fill: '#000', class: 'estimate' }),
    // The two ends' numbers lean outwards so a narrow interval does not print them on top of each other.
    el('text', { x: x(p.ci_low) + 2, y: 56, 'text-anchor': x(p.ci_low) < 44 ? 'start' : 'end', class: 'tick' }, esc(fmt(p.ci_low))),
    el('text', { x: x(p.ci_high) - 2, y: 56, 'text-anchor': x(p.ci_high) > width - 44 ? 'end' : 'start', class: 'tick' }, esc(fmt(p.ci_high))),
  ].join('');
  const title = `Effect ${fmt(p.effect)}, likely between ${fmt(p.ci_low)} and ${fmt(p.ci_high)}`;
  return svgDoc(width, 60, title, body, 'chart effect');
}

/**
 * A weekly series (e.g. PEG-3 scores, 0–10) as a line with dots; weeks with no entry
 * leave a gap.
 * @param {{date: string, value: number}[]} points  one per week (date = week start)
 * @param {{from: string, to: string, width?: number, height?: number, title?: string}} opts
 */
export function weeklyChart(points, { from, to, width = 360, height = 160, title = 'Weekly score' }) {
  const m = { top: 10, right: 10, bottom: 24, left: 26 };
  const x = dayScale(from, to, [m.left, width - m.right]);
  const y = linearScale([0, 10], [height - m.bottom, m.top]);
  const grid = [0, 5, 10].map((v) => el('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), stroke: '#bbb', 'stroke-width': 0.5 })
    + el('text', { x: m.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, String(v))).join('');
  const xt = x.ticks(4).map((d) => el('text', { x: x(d), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, esc(shortDate(d)))).join('');
  const dots = points.filter((p) => p.date >= from && p.date <= to)
    .map((p) => el('circle', { cx: x(p.date), cy: y(p.value), r: 3.5, fill: '#000', class: 'dot' })).join('');
  const line = el('path', { d: linePath(points, x, y, 7), fill: 'none', stroke: '#000', 'stroke-width': 2, class: 'series' });
  return svgDoc(width, height, title, grid + xt + line + dots, 'chart weekly');
}

/**
 * Before/after (or without/with) mean pain on one 0–10 line: a hollow circle for before,
 * a filled one for after, joined by a line; each labelled with its value.
 * @param {number | null} before
 * @param {number | null} after
 * @param {{width?: number, labels?: [string, string]}} [opts]
 */
export function comparisonGlyph(before, after, { width = 300, labels = ['before', 'after'] } = {}) {
  const x = linearScale([0, 10], [14, width - 14]);
  const y = 26;
  const parts = [
    el('line', { x1: x(0), x2: x(10), y1: y, y2: y, stroke: '#bbb', 'stroke-width': 1, class: 'axis' }),
    ...[0, 5, 10].map((v) => el('line', { x1: x(v), x2: x(v), y1: y - 3, y2: y + 3, stroke: '#bbb' })
      + el('text', { x: x(v), y: 64, 'text-anchor': 'middle', class: 'tick axis-tick' }, String(v))),
  ];
  if (before !== null && after !== null) parts.push(el('line', { x1: x(before), x2: x(after), y1: y, y2: y, stroke: '#000', 'stroke-width': 3, class: 'change' }));
  if (before !== null) {
    parts.push(el('circle', { cx: x(before), cy: y, r: 6, fill: '#fff', stroke: '#000', 'stroke-width': 2, class: 'before' }),
      el('text', { x: x(before), y: y - 12, 'text-anchor': 'middle', class: 'tick' }, esc(`${labels[0]} ${before.toFixed(1)}`)));
  }
  if (after !== null) {
    parts.push(el('circle', { cx: x(after), cy: y, r: 6, fill: '#000', class: 'after' }),
      el('text', { x: x(after), y: y + 22, 'text-anchor': 'middle', class: 'tick' }, esc(`${labels[1]} ${after.toFixed(1)}`)));
  }
  const title = `Mean pain ${labels[0]} ${before === null ? 'unknown' : before.toFixed(1)}, ${labels[1]} ${after === null ? 'unknown' : after.toFixed(1)}`;
  return svgDoc(width, 68, title, parts.join(''), 'chart compare');
}
