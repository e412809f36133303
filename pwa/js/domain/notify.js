// @ts-check
/** Pure helpers for notifications: a promise timeout, the VAPID key decoder, alert rule texts. */
import alerts from './rules/alerts.json' with { type: 'json' };
import { whenWords } from './day-words.js';

export class TimeoutError extends Error {}

/**
 * Settle with `promise`, or reject with TimeoutError(message) after `ms` milliseconds.
 * `pushManager.subscribe()` can hang for minutes when the browser cannot reach its
 * vendor's push service, so every call to it goes through this.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} message
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, message) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new TimeoutError(message)), ms); });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/**
 * A base64url string (the VAPID public key) as bytes, for `applicationServerKey`.
 * @param {string} text
 */
export function base64UrlToBytes(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const raw = atob(b64);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** Each fixed rule's threshold range, from the table the server reads too (rules/alerts.json). */
const RANGES = Object.fromEntries(alerts.rules.map((r) => [r.rule, r]));

/**
 * The alert rules as the app names them, with the threshold each one uses.
 * `threshold.key` is the settings key; `percent` shows the stored share (0.05–0.99) as 5–99;
 * min and max come from the shared table. `short` is the past alert's headline on its one
 * line under "Recent alerts".
 * @param {string} rule @param {string} short @param {string} title
 * @param {{label: string, step: number, optional?: boolean, percent?: boolean}} shown
 */
const alertRule = (rule, short, title, shown) => {
  const range = RANGES[rule];
  const scale = shown.percent ? 100 : 1;
  return { rule, short, title, threshold: { key: range.threshold, min: range.min * scale, max: range.max * scale, ...shown } };
};

export const ALERT_RULES = [
  alertRule('load_high', 'Load high two days', 'Your load high two days running',
    { label: 'Load above, 0 to 100 (empty: worked out from your own days)', step: 1, optional: true }),
  alertRule('acwr_spike', 'Activity jump', 'Activity jumped above your usual',
    { label: 'This week’s activity above this many times your usual week', step: 0.1 }),
  alertRule('short_nights', 'Short nights', 'Short or broken nights in a row', { label: 'Nights in a row', step: 1 }),
  alertRule('nsaid_days', 'Many NSAID days', 'Frequent anti-inflammatory painkillers (NSAIDs)',
    { label: 'Days with an NSAID, out of the last 14', step: 1 }),
  alertRule('forecast_risk', 'Flare risk up', 'Higher flare risk ahead', { label: 'Chance of a flare above (%)', step: 1, percent: true }),
];

/**
 * A past alert's short headline for its one collapsed line: its title ("Heads-up: pain likely
 * higher the day after tomorrow") took four lines at 200% text on a phone, and its "when"
 * spoke of the day it was sent, not today. The opened detail names the days instead (alertAbout).
 * @param {{rule: string, title: string}} event
 */
export function alertHeadline(event) {
  const fixed = ALERT_RULES.find((r) => r.rule === event.rule);
  if (fixed) return fixed.short;
  if (event.rule.startsWith('w:')) return /flare/i.test(event.title) ? 'Flare more likely' : 'Pain likely higher';
  return event.title;
}

/**
 * A past alert's full headline for its opened detail, its days worded on the day it is read
 * ("Pain likely higher tomorrow", "… on Wed 2 Dec", "… between today and Fri 4 Dec"): its
 * stored title said "tomorrow" of the day it was sent, which points at the wrong day when read
 * days later. The days come from the alert's target_from/target_to; an alert without them (the
 * fixed rules, which say no "when") keeps its title.
 * @param {{rule: string, title: string, target_from?: string | null, target_to?: string | null}} event
 * @param {string} today  "YYYY-MM-DD" in the person's time zone (day-words.js todayIn)
 * @param {string} [locale] the device's locale when omitted
 */
export function alertAbout(event, today, locale) {
  const from = event.target_from;
  if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from)) return event.title;
  return `${alertHeadline(event)} ${whenWords(from, event.target_to ?? from, today, locale)}`;
}

/**
 * The message to show when turning notifications on failed.
 * @param {unknown} error
 * @param {NotificationPermission | undefined} permission
 */
export function subscribeProblem(error, permission) {
  if (permission === 'denied') return 'Notifications are blocked for Emberwise. You can allow them in your browser’s site settings.';
  if (error instanceof TimeoutError) return error.message;
  if (error && typeof error === 'object' && 'status' in error && /** @type {any} */ (error).status === 0) {
    return 'No connection to the server. Try again when you are online.';
  }
  return 'Notifications could not be turned on in this browser.';
}
