// @ts-check
/**
 * An alert's days, worded on the day it is read: "today", "tomorrow", "yesterday", else the
 * date in the person's locale (the charts' one date format, charts.js shortDate). A stored
 * "tomorrow" pointed at the wrong day when read two days later, and a stored "On Tue 1 Dec"
 * was English whatever the locale; the server keeps the days as dates
 * (server/alerts/warnings.py explanation_parts) and they are worded here. Pure.
 */
import { shortDate } from './charts.js';

/**
 * Today's date ("2026-12-03") in the person's time zone: the zone their days are counted in
 * on the server. The device's zone when none is given or the name is unknown.
 * @param {string | null | undefined} zone
 * @param {Date} [now]
 */
export function todayIn(zone, now = new Date()) {
  /** @param {string | undefined} timeZone */
  const format = (timeZone) => {
    const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (/** @type {string} */ type) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  };
  try {
    return format(zone || undefined);
  } catch {
    return format(undefined);  // an unknown zone name
  }
}

/** Days from `today` to `day` (both "YYYY-MM-DD"). @param {string} day @param {string} today */
function daysFrom(day, today) {
  const utc = (/** @type {string} */ iso) => { const [y, m, d] = iso.split('-').map(Number); return Date.UTC(y, m - 1, d); };
  return Math.round((utc(day) - utc(today)) / 86_400_000);
}

/**
 * "today", "tomorrow", "yesterday" for a day next to today, else the date ("Wed 2 Dec").
 * `past: false` never says "yesterday" (a day the effect was expected on reads "on Wed 2 Dec",
 * not "pain is likely to be higher yesterday").
 * @param {string} day @param {string} today
 * @param {{locale?: string, past?: boolean}} [o]
 * @returns {{near: boolean, words: string}}
 */
export function dayWord(day, today, { locale, past = true } = {}) {
  const near = { '-1': past ? 'yesterday' : null, 0: 'today', 1: 'tomorrow' }[String(daysFrom(day, today))];
  return near ? { near: true, words: near } : { near: false, words: shortDate(day, { weekday: true, locale }) };
}

/**
 * When the effect is expected: "tomorrow", "on Wed 2 Dec", "between today and Fri 4 Dec".
 * @param {string} from @param {string} to @param {string} today @param {string} [locale]
 */
export function whenWords(from, to, today, locale) {
  const first = dayWord(from, today, { locale, past: false });
  if (to === from) return first.near ? first.words : `on ${first.words}`;
  return `between ${first.words} and ${dayWord(to, today, { locale, past: false }).words}`;
}

/** @param {string} text */
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * @typedef {string | {on: string} | {night_before: string} | {from: string, to: string}} Part
 */

/**
 * An alert's explanation from its parts (GET /api/alerts explanation_parts), its days worded
 * for `today`: "Yesterday you had such a day, so pain is likely to be higher today (…)".
 * @param {Part[]} parts @param {string} today @param {string} [locale]
 */
export function explanationText(parts, today, locale) {
  return parts.map((part) => {
    if (typeof part === 'string') return part;
    if ('on' in part) {
      const day = dayWord(part.on, today, { locale });
      return day.near ? capital(day.words) : `On ${day.words}`;
    }
    if ('night_before' in part) {
      const ago = daysFrom(part.night_before, today);
      if (ago === 0) return 'Last night';
      if (ago === -1) return 'The night before last';
      return `The night before ${shortDate(part.night_before, { weekday: true, locale })}`;
    }
    return whenWords(part.from, part.to, today, locale);
  }).join('');
}
