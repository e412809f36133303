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

/** The heatmap's key, as HTML beside it: none, 0–1 … 8–10, and the flare mark. */
export const HEATMAP_LEGEND = [
  { cls: 'heat-none', label: 'no check-in' }, { cls: 'heat-0', label: 'pain 0–1' }, { cls: 'heat-1', label: '2–3' },
  { cls: 'heat-2', label: '4–5' }, { cls: 'heat-3', label: '6–7' }, { cls: 'heat-4', label: '8–10' },
  { cls: 'heat-flare', label: 'flare' },
];

/**
 * The heatmap as SVG, cells sized to fit `width`, with weekday initials; flare days carry a
 * ring. The key is HTML (HEATMAP_LEGEND).
 * @param {{date: string, pain_mean?: number | null, flare?: boolean}[]} days
 * @param {{from: string, to: string, width?: number, font?: number}} opts
 */
export function heatmapChart(days, { from, to, width = 360, font = 13 }) {
  const f = Math.max(12, font);
  const left = f + 4;
  const weeks = Math.floor((dayNumber(to) - dayNumber(from) + weekday(from)) / 7) + 1;
  const cell = Math.max(4, Math.min(28, Math.floor((width - left) / weeks) - 2));
  const cells = heatmapCells(days, { from, to, cell, gap: 2 });
  const flares = new Set(days.filter((d) => d.flare).map((d) => d.date));
  const rects = cells.map((c) => el('rect', {
    x: left + c.x, y: c.y + 2, width: cell, height: cell, rx: 2,
    class: `heat heat-${c.level < 0 ? 'none' : c.level}`,
    fill: c.level < 0 ? 'none' : FILLS[c.level], stroke: c.level < 0 ? '#999' : 'none', 'stroke-width': 0.7,
  }, el('title', {}, esc(`${shortDate(c.date)}: ${c.value === null ? 'no check-in' : `pain ${c.value.toFixed(1)}`}${flares.has(c.date) ? ', flare' : ''}`)))
    + (flares.has(c.date) ? el('rect', { x: left + c.x - 1, y: c.y + 1, width: cell + 2, height: cell + 2, rx: 3, class: 'heat-flare', fill: 'none', stroke: '#000', 'stroke-width': 2 }) : '')).join('');
  const rowH = cell + 2;
  const labels = ['M', '', 'W', '', 'F', '', 'S'].map((t, i) => t && rowH >= f * 0.9 && el('text', { x: 0, y: i * rowH + cell / 2 + f * 0.35 + 2, class: 'tick', 'font-size': f }, t)).join('');
  const h = 7 * rowH + 4;
  return svgDoc(width, h, `Calendar of daily pain from ${shortDate(from)} to ${shortDate(to)}`, labels + rects, 'chart heatmap');
}
