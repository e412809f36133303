// @ts-check
/**
 * SVG charts for the insights screens, as strings: timeline, contributors, effect glyph,
 * weekly series. Pure (no DOM); readable in black and white — line styles and labels
 * carry the meaning, colour only repeats it.
 *
 * Each chart is drawn for the width it will have on screen and the label size the person's
 * text setting gives (`width`, `font` in px; ui/live-chart.js measures both), so labels are
 * never under 12 px and grow with large text; margins and tick counts follow the font.
 * Legends are HTML beside the chart (they wrap; see `*_LEGEND`).
 */
import { addDays, dayNumber, dayScale, linearScale } from './scales.js';
import { el, esc, r, svgDoc } from './svg.js';

/** The smallest label size on any chart, in px. */
export const MIN_FONT = 12;

/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();

/**
 * A calendar date in the person's locale: "3 Mar" (en-GB), "Mar 3" (en-US), "3. März" (de).
 * The one date format of every chart and date label. A date, not an instant: no zone shift.
 * @param {string} iso  YYYY-MM-DD
 * @param {{year?: boolean, weekday?: boolean, locale?: string}} [o]
 */
export function shortDate(iso, { year = false, weekday = false, locale } = {}) {
  const key = `${locale ?? ''}|${year}|${weekday}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC',
      ...(year ? { year: 'numeric' } : {}), ...(weekday ? { weekday: 'short' } : {}) }));
  }
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return /** @type {Intl.DateTimeFormat} */ (formats.get(key)).format(Date.UTC(y, m - 1, d));
}

/**
 * The label size for a chart: 80% of the text around it, never under MIN_FONT.
 * @param {number | undefined} font
 */
function labelPx(font) {
  return Math.max(MIN_FONT, font ?? 13);
}

/**
 * About how many date labels fit across `width` at this font ("12 Mar" is ~5 characters).
 * @param {number} width
 * @param {number} font
 */
function dateTicks(width, font) {
  return Math.max(2, Math.min(6, Math.floor(width / (font * 5.5))));
}

/**
 * Date labels under a day axis, each centred on its day but kept inside `bounds`, and
 * dropped when it would run into the one before: with large text on a phone only two dates
 * fit, and the second, anchored at its end in mid-chart, was printed over the first.
 * @param {import('./scales.js').DayScale} x
 * @param {number} font  label size in px
 * @param {number} y  baseline
 * @param {Record<string, any>} attrs  the labels' own attributes (class, font-size)
 * @param {[number, number]} bounds  where text may go, in px
 * @returns {string} SVG markup
 */
export function dateLabels(x, font, y, attrs, bounds) {
  /** @type {{d: string, left: number, w: number}[]} */
  const placed = [];
  const place = (/** @type {string} */ d) => {
    const w = shortDate(d).length * font * 0.62;  // a generous glyph width, so labels never touch
    const left = Math.min(Math.max(x(d) - w / 2, bounds[0]), bounds[1] - w);
    const prev = placed[placed.length - 1];
    if (prev && left < prev.left + prev.w + font * 0.5) return false;
    placed.push({ d, left, w });
    return true;
  };
  for (const d of x.ticks(dateTicks(x.step * x.days, font))) place(d);
  // Room for one label only: the range's last day, at the right edge, still says where it ends.
  if (placed.length < 2 && x.days > 1) place(addDays(x.from, x.days - 1));
  return placed.map((p) => el('text', { ...attrs, x: r(p.left), y, 'text-anchor': 'start' }, esc(shortDate(p.d)))).join('');
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
  // As wide as the line is easy to see: at 2.2 px a person's first day was a speck.
  return segments(points).filter((run) => run.length === 1)
    .map(([p]) => el('circle', { cx: x(p.date), cy: y(p.value), r: 4.5, class: cls })).join('');
}

/**
 * @typedef {{date: string, pain_mean?: number | null, pain_max?: number | null,
 *   score?: number | null, flare?: boolean}} TimelineDay
 */

/** What the timeline can draw, for the HTML legend beside it (classes match the marks). */
export const TIMELINE_LEGEND = [
  { cls: 'tl-mean', label: 'pain, daily mean' }, { cls: 'tl-max', label: 'pain, highest' },
  { cls: 'tl-load', label: 'load (right axis, 0–100)' }, { cls: 'tl-flare', label: 'flare' },
];

/** Which TIMELINE_LEGEND entry each day's field draws. */
const TIMELINE_FIELDS = { 'tl-mean': 'pain_mean', 'tl-max': 'pain_max', 'tl-load': 'score', 'tl-flare': 'flare' };

/**
 * Whether any day from `from` to `to` has `field` (a number, or a flare).
 * @param {TimelineDay[]} days @param {string} from @param {string} to @param {keyof TimelineDay} field
 */
function hasAny(days, from, to, field) {
  return days.some((d) => d.date >= from && d.date <= to && (field === 'flare' ? d.flare === true : typeof d[field] === 'number'));
}

/**
 * The legend for what the timeline draws from `from` to `to`: in a person's first week it
 * named a load (right axis) and flares that were nowhere on the chart.
 * @param {TimelineDay[]} days @param {string} from @param {string} to
 */
export function timelineLegend(days, from, to) {
  return TIMELINE_LEGEND.filter((e) => hasAny(days, from, to, /** @type {keyof TimelineDay} */ (TIMELINE_FIELDS[/** @type {keyof typeof TIMELINE_FIELDS} */ (e.cls)])));
}

/**
 * The timeline: daily pain mean (solid) and max (dashed) on 0–10 over the inflammation
 * load (grey area, 0–100), flares marked with a triangle.
 * @param {{days: TimelineDay[], from: string, to: string, width?: number, height?: number, font?: number}} opts
 * @returns {string} SVG markup
 */
export function timelineChart({ days, from, to, width = 360, height, font }) {
  const f = labelPx(font);
  const m = { top: f + 16, right: f * 2.4, bottom: f + 12, left: f * 1.8 };
  height = height ?? Math.round(Math.max(200, width * 0.55) + f * 2);
  const x = dayScale(from, to, [m.left, width - m.right]);
  const y = linearScale([0, 10], [height - m.bottom, m.top]);
  const load = linearScale([0, 100], [height - m.bottom, m.top]);
  const inRange = days.filter((d) => d.date >= from && d.date <= to);
  const pts = (/** @type {keyof TimelineDay} */ k) => inRange.map((d) => ({ date: d.date, value: /** @type {any} */ (d[k]) }));
  const body = [
    timelineAxes(x, y, width, height, m, hasAny(days, from, to, 'score')),
    el('path', { d: areaPath(pts('score'), x, load, y(0)), class: 'tl-load', fill: '#d0d0d0' }),
    el('path', { d: linePath(pts('pain_max'), x, y), class: 'tl-max', fill: 'none', stroke: '#555', 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }),
    el('path', { d: linePath(pts('pain_mean'), x, y), class: 'tl-mean', fill: 'none', stroke: '#000', 'stroke-width': 2.2, 'stroke-linejoin': 'round' }),
    loneDots(pts('pain_mean'), x, y, 'tl-mean-dot'),
    inRange.filter((d) => d.flare).map((d) => flareMark(x(d.date), m.top - 2)).join(''),
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
 * @param {boolean} load  whether a load score is drawn
 */
function timelineAxes(x, y, width, height, m, load) {
  const f = m.left / 1.8;
  const t = { class: 'tick', 'font-size': f };
  // The load's axis only once there is a load to read on it (never an empty axis): in the
  // first week "load 0 50 100" stood beside a chart without one.
  const grid = [0, 5, 10].map((v) => el('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: 'grid', stroke: '#bbb', 'stroke-width': 0.5 })
    + el('text', { ...t, x: m.left - 4, y: y(v) + f * 0.35, 'text-anchor': 'end' }, String(v))
    + (load ? el('text', { ...t, x: width - m.right + 4, y: y(v) + f * 0.35 }, String(v * 10)) : '')).join('');
  const xt = dateLabels(x, f, height - m.bottom + f + 4, t, [0, width]);
  const names = el('text', { x: 0, y: f, class: 'axis-name', 'font-size': f }, 'pain')
    + (load ? el('text', { x: width, y: f, 'text-anchor': 'end', class: 'axis-name', 'font-size': f }, 'load') : '');
  return grid + xt + names;
}

/**
 * A downward triangle above the day of a flare.
 * @param {number} cx
 * @param {number} top
 */
function flareMark(cx, top) {
  return el('path', { d: `M${r(cx - 5)} ${r(top - 9)}L${r(cx + 5)} ${r(top - 9)}L${r(cx)} ${r(top)}Z`, class: 'tl-flare', fill: '#000' });
}

/**
 * Horizontal bars, one per contributor, largest first, each labelled with its points.
 * @param {Record<string, number>} contributors  name → load points
 * @param {{width?: number, label?: (name: string) => string, font?: number}} [opts]
 * @returns {string} SVG markup ('' when there is nothing to show)
 */
export function contributorsChart(contributors, { width = 360, label = humanise, font } = {}) {
  const rows = Object.entries(contributors || {}).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return '';
  const f = labelPx(font);
  // Each row: the name on its own line, the bar under it, so long names never collide with bars.
  const rowH = f * 1.3 + 14 + 10;
  const max = Math.max(...rows.map(([, v]) => v));
  const x = linearScale([0, max], [0, width - f * 2.5]);
  const body = rows.map(([name, v], i) => {
    const y0 = i * rowH;
    return el('text', { x: 0, y: y0 + f, class: 'bar-label', 'font-size': f }, esc(label(name)))
      + el('rect', { x: 0, y: y0 + f * 1.3, width: Math.max(1, x(v)), height: 14, class: `bar${i ? '' : ' bar-top'}`, fill: i ? '#888' : '#222' })
      + el('text', { x: x(v) + 4, y: y0 + f * 1.3 + 12, class: 'bar-value', 'font-size': f }, String(Math.round(v)));
  }).join('');
  return svgDoc(width, Math.ceil(rows.length * rowH), 'Load points by contributor', body, 'chart contributors');
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
 * A name as it reads inside a sentence: "sleep hours", but "NSAID use" (lower-cased whole,
 * the load's sentence read "The largest part is nsaid use").
 * @param {string} name
 */
export function humaniseInline(name) {
  const s = humanise(name);
  return /^[A-Z]{2,}\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * An effect with its interval: a dashed line at no difference, a bar from ci_low to
 * ci_high with end caps, a filled dot at the estimate, and the numbers underneath.
 * With `nullValue` 1 the effect is a ratio (flare odds) and is drawn on a log scale.
 * @param {{effect: number, ci_low: number, ci_high: number}} p
 * @param {{width?: number, nullValue?: number, unit?: string, font?: number}} [opts]
 */
export function effectGlyph(p, { width = 300, nullValue = 0, unit = '', font } = {}) {
  const f = labelPx(font);
  const ratio = nullValue === 1;
  const t = (/** @type {number} */ v) => (ratio ? Math.log(Math.max(v, 1e-6)) : v - nullValue);
  const reach = Math.max(Math.abs(t(p.ci_low)), Math.abs(t(p.ci_high)), Math.abs(t(p.effect)), 1e-9) * 1.15;
  const lin = linearScale([-reach, reach], [12, width - 12]);
  const x = (/** @type {number} */ v) => lin(t(v));
  const y = 30;
  const fmt = (/** @type {number} */ v) => (ratio ? `×${Number(v.toFixed(2))}` : `${v > 0 ? '+' : ''}${Number(v.toFixed(2))}${unit}`);
  const anchor = (/** @type {number} */ px) => (px < f * 5 ? 'start' : px > width - f * 5 ? 'end' : 'middle');
  const tick = { class: 'tick', 'font-size': f };
  const below = 44 + f + 2;
  const body = [
    el('text', { ...tick, x: x(nullValue), y: 12, 'text-anchor': anchor(x(nullValue)) }, 'no difference'),
    el('line', { x1: x(nullValue), x2: x(nullValue), y1: 15, y2: 44, stroke: '#666', 'stroke-dasharray': '3 3', class: 'null' }),
    el('line', { x1: x(p.ci_low), x2: x(p.ci_high), y1: y, y2: y, stroke: '#000', 'stroke-width': 2, class: 'ci' }),
    el('line', { x1: x(p.ci_low), x2: x(p.ci_low), y1: y - 6, y2: y + 6, stroke: '#000', 'stroke-width': 2, class: 'ci-end' }),
    el('line', { x1: x(p.ci_high), x2: x(p.ci_high), y1: y - 6, y2: y + 6, stroke: '#000', 'stroke-width': 2, class: 'ci-end' }),
    el('circle', { cx: x(p.effect), cy: y, r: 5, fill: '#000', class: 'estimate' }),
    // The two ends' numbers lean outwards so a narrow interval does not print them on top of each other.
    el('text', { ...tick, x: x(p.ci_low) + 2, y: below, 'text-anchor': x(p.ci_low) < f * 4 ? 'start' : 'end' }, esc(fmt(p.ci_low))),
    el('text', { ...tick, x: x(p.ci_high) - 2, y: below, 'text-anchor': x(p.ci_high) > width - f * 4 ? 'end' : 'start' }, esc(fmt(p.ci_high))),
  ].join('');
  const title = `Effect ${fmt(p.effect)}, likely between ${fmt(p.ci_low)} and ${fmt(p.ci_high)}`;
  return svgDoc(width, below + 6, title, body, 'chart effect');
}

/**
 * A weekly series (e.g. PEG-3 scores, 0–10) as a line with dots; weeks with no entry
 * leave a gap.
 * @param {{date: string, value: number}[]} points  one per week (date = week start)
 * @param {{from: string, to: string, width?: number, height?: number, title?: string, font?: number}} opts
 */
export function weeklyChart(points, { from, to, width = 360, height, title = 'Weekly score', font }) {
  const f = labelPx(font);
  const m = { top: 10, right: 10, bottom: f + 12, left: f * 1.8 };
  height = height ?? Math.round(Math.max(160, width * 0.45) + f);
  const x = dayScale(from, to, [m.left, width - m.right]);
  const y = linearScale([0, 10], [height - m.bottom, m.top]);
  const tick = { class: 'tick', 'font-size': f };
  const grid = [0, 5, 10].map((v) => el('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), stroke: '#bbb', 'stroke-width': 0.5 })
    + el('text', { ...tick, x: m.left - 4, y: y(v) + f * 0.35, 'text-anchor': 'end' }, String(v))).join('');
  const xt = dateLabels(x, f, height - 6, tick, [0, width]);
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
 * @param {{width?: number, labels?: [string, string], font?: number}} [opts]
 */
export function comparisonGlyph(before, after, { width = 300, labels = ['before', 'after'], font } = {}) {
  const f = labelPx(font);
  const x = linearScale([0, 10], [f * 0.8, width - f * 0.8]);
  const y = f + 14;
  const tick = { class: 'tick', 'font-size': f };
  // A label near an end leans inwards, so it is never cut off at the chart's edge.
  const anchor = (/** @type {number} */ v) => (v < 2.5 ? 'start' : v > 7.5 ? 'end' : 'middle');
  const parts = [
    el('line', { x1: x(0), x2: x(10), y1: y, y2: y, stroke: '#bbb', 'stroke-width': 1, class: 'axis' }),
    ...[0, 5, 10].map((v) => el('line', { x1: x(v), x2: x(v), y1: y - 3, y2: y + 3, stroke: '#bbb' })
      + el('text', { ...tick, x: x(v), y: y + f * 2 + 14, 'text-anchor': 'middle', class: 'tick axis-tick' }, String(v))),
  ];
  if (before !== null && after !== null) parts.push(el('line', { x1: x(before), x2: x(after), y1: y, y2: y, stroke: '#000', 'stroke-width': 3, class: 'change' }));
  if (before !== null) {
    parts.push(el('circle', { cx: x(before), cy: y, r: 6, fill: '#fff', stroke: '#000', 'stroke-width': 2, class: 'before' }),
      el('text', { ...tick, x: x(before), y: y - 10, 'text-anchor': anchor(before) }, esc(`${labels[0]} ${before.toFixed(1)}`)));
  }
  if (after !== null) {
    parts.push(el('circle', { cx: x(after), cy: y, r: 6, fill: '#000', class: 'after' }),
      el('text', { ...tick, x: x(after), y: y + f + 8, 'text-anchor': anchor(after) }, esc(`${labels[1]} ${after.toFixed(1)}`)));
  }
  const title = `Mean pain ${labels[0]} ${before === null ? 'unknown' : before.toFixed(1)}, ${labels[1]} ${after === null ? 'unknown' : after.toFixed(1)}`;
  return svgDoc(width, Math.ceil(y + f * 2 + 18), title, parts.join(''), 'chart compare');
}
