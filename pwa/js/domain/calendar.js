// @ts-check
/** A month as a calendar grid (Monday first) with each day's pain and flare; pure. */
import { addDays, dayNumber } from './scales.js';
import { weekday, painLevel } from './heatmap.js';

/**
 * `before`: a day before the person's first check-in (none missed yet: not a "no check-in").
 * @typedef {{date: string, day: number, value: number | null, level: number, flare: boolean,
 *   checkins: number, today: boolean, future: boolean, before: boolean}} CalendarDay
 */

/**
 * The weeks of a month, Monday to Sunday; days of other months are null.
 * @param {string} month  "YYYY-MM"
 * @param {{date: string, pain_mean?: number | null, flare?: boolean, n?: number}[]} days
 * @param {string} today  YYYY-MM-DD
 * @param {string} [began]  the first day with a check-in (none yet: today)
 * @returns {(CalendarDay | null)[][]}
 */
export function monthGrid(month, days, today, began = today) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = `${month}-01`;
  const last = addDays(`${nextMonth(month)}-01`, -1);
  /** @type {(CalendarDay | null)[]} */
  const cells = Array.from({ length: weekday(first) }, () => null);
  for (let n = dayNumber(first); n <= dayNumber(last); n++) {
    const date = addDays(first, n - dayNumber(first));
    const d = byDate.get(date);
    const value = typeof d?.pain_mean === 'number' ? d.pain_mean : null;
    cells.push({ date, day: Number(date.slice(8)), value, level: painLevel(value), flare: Boolean(d?.flare),
      checkins: d?.n ?? 0, today: date === today, future: date > today, before: date < began });
  }
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** "2026-12" -> "2027-01". @param {string} month */
export function nextMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** "2026-01" -> "2025-12". @param {string} month */
export function previousMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
