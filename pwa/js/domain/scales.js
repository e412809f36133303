// @ts-check
/** Scales and calendar-day arithmetic for the app's charts; pure, no DOM. */

const DAY_MS = 86400000;

/**
 * Days since 1970-01-01 for an ISO date ("2026-03-01"); calendar days, no time zone.
 * @param {string} iso
 * @returns {number}
 */
export function dayNumber(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/**
 * The ISO date of a day number (inverse of dayNumber).
 * @param {number} n
 * @returns {string}
 */
export function isoDay(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Adds whole days to an ISO date.
 * @param {string} iso
 * @param {number} days
 */
export function addDays(iso, days) {
  return isoDay(dayNumber(iso) + days);
}

/**
 * Every ISO date from `from` to `to`, both included.
 * @param {string} from
 * @param {string} to
 * @returns {string[]}
 */
export function daysBetween(from, to) {
  const out = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(isoDay(n));
  return out;
}

/**
 * @typedef {((v: number) => number) & {domain: number[], range: number[],
 *   invert: (px: number) => number, ticks: (count?: number) => number[]}} LinearScale
 */

/**
 * A linear map from `domain` to `range`; a zero-width domain maps to the range's middle.
 * @param {[number, number]} domain
 * @param {[number, number]} range
 * @returns {LinearScale}
 */
export function linearScale(domain, range) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = /** @type {LinearScale} */ (
    (v) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0)));
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  scale.invert = (px) => (r1 === r0 ? d0 : d0 + ((px - r0) / (r1 - r0)) * span);
  scale.ticks = (count = 5) => niceTicks(d0, d1, count);
  return scale;
}

/**
 * Round-number ticks covering [lo, hi] with about `count` steps (1, 2 or 5 × 10^k).
 * @param {number} lo
 * @param {number} hi
 * @param {number} count
 * @returns {number[]}
 */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo) || count < 1) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toFixed(10)));
  }
  return ticks;
}

/**
 * @typedef {((iso: string) => number) & {from: string, to: string, days: number,
 *   step: number, ticks: (count?: number) => string[]}} DayScale
 */

/**
 * Maps ISO dates in [from, to] to the centre of each day's band in `range`.
 * @param {string} from
 * @param {string} to
 * @param {[number, number]} range
 * @returns {DayScale}
 */
export function dayScale(from, to, range) {
  const start = dayNumber(from);
  const days = Math.max(1, dayNumber(to) - start + 1);
  const step = (range[1] - range[0]) / days;
  const scale = /** @type {DayScale} */ (
    (iso) => range[0] + (dayNumber(iso) - start + 0.5) * step);
  Object.assign(scale, { from, to, days, step });
  scale.ticks = (count = 4) => dayTicks(from, days, count);
  return scale;
}

/**
 * About `count` evenly spaced dates from `from` across `days` days, first day included.
 * @param {string} from
 * @param {number} days
 * @param {number} count
 */
function dayTicks(from, days, count) {
  const every = Math.max(1, Math.ceil(days / Math.max(1, count)));
  const out = [];
  for (let i = 0; i < days; i += every) out.push(addDays(from, i));
  return out;
}
