// @ts-check
/** Pure helpers for reminder rules: defaults, validation and plain-language summaries. */
import limits from './rules/reminders.json' with { type: 'json' };
import { isHHMM } from './time.js';

/**
 * @typedef {'breathing'|'bedtime'|'checkin'|'protocol'} ReminderKind
 * @typedef {object} ReminderRuleData  the `data` of a synced `reminder_rule` record
 * @property {ReminderKind} kind
 * @property {string} [label]
 * @property {string[]} [times]        local "HH:MM" (breathing, checkin, protocol)
 * @property {number[]} [weekdays]     ISO 1 = Monday … 7 = Sunday; empty = every day
 * @property {string} [bedtime]        local "HH:MM" target bedtime (bedtime)
 * @property {number} [minutes_before] remind this long before bedtime (bedtime)
 * @property {string} [protocol_item_id]
 * @property {boolean} enabled
 * @property {number} [snooze_minutes]
 */

/** What a rule may hold, shared with the server's schema (server/reminders/schemas.py). */
export const LIMITS = limits;
export const KINDS = /** @type {readonly ReminderKind[]} */ (limits.kinds);
export const KIND_LABELS = {
  breathing: 'Breathing practice',
  bedtime: 'Bedtime routine',
  checkin: 'Daily check-in',
  protocol: 'Protocol item',
};
export const WEEKDAYS = [
  [1, 'Mon'], [2, 'Tue'], [3, 'Wed'], [4, 'Thu'], [5, 'Fri'], [6, 'Sat'], [7, 'Sun'],
];

/** @param {unknown} n @param {{min: number, max: number}} range */
const outside = (n, range) => !Number.isInteger(n) || /** @type {number} */ (n) < range.min || /** @type {number} */ (n) > range.max;

/**
 * A new rule of `kind` with sensible defaults.
 * @param {ReminderKind} kind
 * @returns {ReminderRuleData}
 */
export function defaultRule(kind) {
  const base = { kind, weekdays: [], enabled: true, snooze_minutes: 15 };
  if (kind === 'bedtime') return { ...base, bedtime: '22:30', minutes_before: 30 };
  if (kind === 'breathing') return { ...base, times: ['08:00', '13:00', '19:00'] };
  if (kind === 'checkin') return { ...base, times: ['20:00'] };
  return { ...base, times: ['09:00'], label: '' };
}

/**
 * Field errors in the server's shape ({field: [msg]}); empty object when valid.
 * @param {ReminderRuleData} rule
 * @returns {Record<string, string[]>}
 */
export function validateRule(rule) {
  /** @type {Record<string, string[]>} */
  const errors = {};
  const add = (/** @type {string} */ f, /** @type {string} */ m) => { (errors[f] ??= []).push(m); };
  if (!KINDS.includes(rule.kind)) add('kind', 'Unknown reminder kind.');
  if (rule.kind === 'bedtime') {
    if (!isHHMM(rule.bedtime)) add('bedtime', 'Choose a bedtime.');
    const range = limits.minutes_before;
    if (rule.minutes_before != null && outside(rule.minutes_before, range)) add('minutes_before', `Between ${range.min} and ${range.max} minutes.`);
  } else {
    const times = rule.times ?? [];
    if (times.length === 0) add('times', 'Add at least one time.');
    if (times.length > limits.max_times) add('times', `At most ${limits.max_times} times a day.`);
    if (times.some((t) => !isHHMM(t))) add('times', 'Times look like 08:30.');
  }
  const weekdays = rule.weekdays ?? [];
  if (weekdays.length > 7 || weekdays.some((d) => outside(d, { min: 1, max: 7 }))) add('weekdays', 'Unknown day.');
  const snooze = limits.snooze_minutes;
  if (rule.snooze_minutes != null && outside(rule.snooze_minutes, snooze)) add('snooze_minutes', `Between ${snooze.min} and ${snooze.max} minutes.`);
  if ((rule.label ?? '').length > limits.label_max) add('label', `At most ${limits.label_max} characters.`);
  return errors;
}

/**
 * The rule made tidy for saving: sorted unique times and weekdays, fields of other kinds dropped.
 * @param {ReminderRuleData} rule
 * @returns {ReminderRuleData}
 */
export function normalizeRule(rule) {
  const weekdays = [...new Set(rule.weekdays ?? [])].sort((a, b) => a - b);
  const out = { ...rule, weekdays: weekdays.length === 7 ? [] : weekdays };
  if (rule.kind === 'bedtime') {
    delete out.times;
  } else {
    out.times = [...new Set(rule.times ?? [])].sort();
    delete out.bedtime;
    delete out.minutes_before;
  }
  return out;
}

/**
 * "08:00 (Mon–Fri)" style summary a person can read at a glance.
 * @param {ReminderRuleData} rule
 */
export function describeRule(rule) {
  const days = describeDays(rule.weekdays ?? []);
  const when = rule.kind === 'bedtime'
    ? `${rule.minutes_before ?? 0} min before ${rule.bedtime}`
    : (rule.times ?? []).join(', ');
  return `${when} · ${days}${rule.enabled ? '' : ' · off'}`;
}

/** @param {number[]} weekdays */
export function describeDays(weekdays) {
  const set = [...new Set(weekdays)].sort((a, b) => a - b);
  if (set.length === 0 || set.length === 7) return 'every day';
  if (set.join() === '1,2,3,4,5') return 'weekdays';
  if (set.join() === '6,7') return 'weekends';
  return set.map((d) => WEEKDAYS[d - 1][1]).join(' ');
}
