// @ts-check
/** Local-time helpers for records: ISO instants with the device's UTC offset, local dates. */

const pad = (/** @type {number} */ n, w = 2) => String(Math.abs(n)).padStart(w, '0');

/**
 * ISO 8601 with the local UTC offset, e.g. "2026-11-21T08:05:00.000+01:00".
 * @param {Date} d
 */
export function isoWithOffset(d) {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `.${pad(d.getMilliseconds(), 3)}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/**
 * The device's local calendar date "YYYY-MM-DD" of an instant.
 * @param {Date} d
 */
export function localDate(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * "morning" before 15:00 local time, else "evening": which check-in preset fits now.
 * @param {Date} d
 * @returns {'morning'|'evening'}
 */
export function presetFor(d) {
  return d.getHours() < 15 ? 'morning' : 'evening';
}

/** A local wall time on the 24-hour clock, "00:00" to "23:59": the server's HHMM_PATTERN
 * (server/common/schema.py); tests/vectors/reminder_rules.json checks both against the same times. */
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** @param {unknown} t */
export const isHHMM = (t) => typeof t === 'string' && HHMM.test(t);
