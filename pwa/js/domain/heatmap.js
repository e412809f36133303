// @ts-check
/** The calendar heatmap of daily pain: weeks as columns, Monday to Sunday as rows. Pure. */
import { dayNumber, daysBetween } from './scales.js';
import { el, esc, svgDoc } from './svg.js';
import { shortDate } from './charts.js';

/** Fills for levels 0–4; a day with no check-in is an outline only. */
const FILLS = ['#f2f2f2', '#c8c8c8', '#969696', '#555555', '#111111'];

/**
 * Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
 * @param {string} iso
 */
export function weekday(iso) {
  return (dayNumber(iso) + 3) % 7;
}

/**
 * Pain 0–10 → level 0–4 (two points a step); missing → -1.
 * @param {number | null | undefined} pain
 */
export function painLevel(pain) {
  if (typeof pain !== 'number' || !Number.isFinite(pain)) return -1;
  return Math.max(0, Math.min(4, Math.floor(pain / 2)));
}

/**
 * @typedef {{date: string, col: number, row: number, x: number, y: number,
 *   value: number | null, level: number}} HeatCell
 */

/**
 * One cell for every day in [from, to], placed by week and weekday.
 * @param {{date: string, pain_mean?: number | null}[]} days
 * @param {{from: string, to: string, cell?: number, gap?: number}} opts
 * @returns {HeatCell[]}
 */
export function heatmapCells(days, { from, to, cell = 12, gap = 2 }) {
  const byDate = new Map(days.map((d) => [d.date, d.pain_mean]));
  const monday = dayNumber(from) - weekday(from);
  return daysBetween(from, to).map((date) => {
    const col = Math.floor((dayNumber(date) - monday) / 7);
    const row = weekday(date);
    const v = byDate.get(date);
    const value = typeof v === 'number' ? v : null;
    return { date, col, row, x: col * (cell + gap), y: row * (cell + gap), value, level: painLevel(value) };
  });
}

/**
 * The heatmap as SVG, cells sized to fit `width`, with weekday initials and a key.
 * @param {{date: string, pain_mean?: number | null}[]} days
 * @param {{from: string, to: string, width?: number}} opts
 */
export function heatmapChart(days, { from, to, width = 360 }) {
  const left = 14;
  const weeks = Math.floor((dayNumber(to) - dayNumber(from) + weekday(from)) / 7) + 1;
  const cell = Math.max(4, Math.min(24, Math.floor((width - left) / weeks) - 2));
  const cells = heatmapCells(days, { from, to, cell, gap: 2 });
  const rects = cells.map((c) => el('rect', {
    x: left + c.x, y: c.y + 2, width: cell, height: cell, rx: 2,
    class: `heat heat-${c.level < 0 ? 'none' : c.level}`,
    fill: c.level < 0 ? 'none' : FILLS[c.level], stroke: c.level < 0 ? '#999' : 'none', 'stroke-width': 0.7,
  }, el('title', {}, esc(`${shortDate(c.date)}: ${c.value === null ? 'no check-in' : `pain ${c.value.toFixed(1)}`}`)))).join('');
  const labels = ['M', '', 'W', '', 'F', '', 'S'].map((t, i) => t && el('text', { x: 0, y: i * (cell + 2) + cell, class: 'tick' }, t)).join('');
  const h = 7 * (cell + 2) + 2;
  return svgDoc(width, h + 26, `Calendar of daily pain from ${shortDate(from)} to ${shortDate(to)}`, labels + rects + heatKey(left, h + 8), 'chart heatmap');
}

/**
 * The key: none, 0–1, 2–3, … 8–10.
 * @param {number} x0
 * @param {number} y0
 */
function heatKey(x0, y0) {
  const labels = ['0–1', '2–3', '4–5', '6–7', '8–10'];
  const none = el('rect', { x: x0, y: y0, width: 10, height: 10, fill: 'none', stroke: '#999', class: 'legend-mark heat heat-none' })
    + el('text', { x: x0 + 13, y: y0 + 9, class: 'legend' }, 'none');
  return none + labels.map((t, i) => el('rect', { x: x0 + 50 + i * 50, y: y0, width: 10, height: 10, fill: FILLS[i], stroke: i ? 'none' : '#999', 'stroke-width': 0.5, class: `legend-mark heat heat-${i}` })
    + el('text', { x: x0 + 63 + i * 50, y: y0 + 9, class: 'legend' }, t)).join('');
}
