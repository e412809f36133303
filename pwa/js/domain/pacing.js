// @ts-check
/**
 * Movement pacing from rules/pacing.json (the server reads the same file; tests/vectors/pacing.json
 * holds the cases both run): a baseline below the typical day, slow weekly growth (or hold
 * steady), boom-day warning. `daily` maps local ISO dates to activity minutes (days with a
 * check-in only). Pure.
 */
import rule from './rules/pacing.json' with { type: 'json' };
import { fill } from './rules.js';

export const PACING = rule;
export const DEFAULT_WEEKLY_INCREASE = rule.default_weekly_increase;

/** A share as a person reads it: 0.8 → "80%". @param {number} share */
export const percent = (share) => `${Math.round(share * 100)}%`;

/**
 * The line under the plan form: the proposed baseline and how it was worked out, or how many
 * days to log before there is one; figures from `rule` (rules/pacing.json).
 * @param {number|null} proposed @param {number|null} tolerance @param {typeof PACING} [rule]
 */
export function baselineHint(proposed, tolerance, rule = PACING) {
  return proposed === null
    ? `Log your activity minutes in check-ins for at least ${rule.min_days} days and Emberwise will propose a baseline.`
    : `Emberwise proposes ${proposed} minutes a day: about ${percent(rule.baseline_share)} of your typical ${tolerance} minutes over the last ${rule.tolerance_window_days} days (your typical day, not your best). This starting point is Emberwise's own rule of thumb.`;
}

/** ISO date `days` before `iso`. */
export function daysBefore(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Values of the `days` days before `today` (or ending with it). @param {Record<string, number>} daily */
function windowOf(daily, today, days, includeToday = false) {
  const end = includeToday ? today : daysBefore(today, 1);
  const first = daysBefore(end, days - 1);
  return Object.entries(daily).filter(([d]) => d >= first && d <= end).map(([, m]) => m);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Sum activity minutes per local day from check-ins that logged them.
 * @param {{data: {at: string, activity_minutes?: number}}[]} checkins @param {(iso: string) => string} localDateOf
 */
export function dailyMinutes(checkins, localDateOf) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const c of checkins) {
    if (typeof c.data.activity_minutes !== 'number') continue; // not logged is not zero
    const d = localDateOf(c.data.at);
    out[d] = (out[d] ?? 0) + c.data.activity_minutes;
  }
  return out;
}

/** Median minutes over the tolerance window before today; null with too few days. */
export function currentTolerance(daily, today) {
  const xs = windowOf(daily, today, rule.tolerance_window_days);
  return xs.length >= rule.min_days ? median(xs) : null;
}

/** The rule's baseline_share of current tolerance in whole minutes, or null. */
export function proposedBaseline(daily, today) {
  const t = currentTolerance(daily, today);
  return t === null ? null : Math.max(1, Math.round(t * rule.baseline_share));
}

/** Today's budget: baseline grown by `weekly` per full week since `start`, or held. */
export function budgetOn(baseline, start, on, weekly = DEFAULT_WEEKLY_INCREASE, hold = false) {
  const days = Math.round((Date.parse(`${on}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  const weeks = Math.max(0, Math.floor(days / 7));
  return hold || weekly <= 0 ? Math.round(baseline) : Math.round(baseline * (1 + weekly) ** weeks);
}

/**
 * EWMA level per day with lambda = 2/(N+1); a missing day (null) does not update it.
 * @param {(number|null)[]} values @param {number} span @returns {(number|null)[]}
 */
export function ewmaLevels(values, span) {
  const lam = 2 / (span + 1);
  let level = null;
  return values.map((v) => {
    if (v !== null) level = level === null ? v : lam * v + (1 - lam) * level;
    return level;
  });
}

/** EWMA acute over chronic minutes with today as `minutesToday`; null before enough logged days. */
export function acuteChronicRatio(daily, today, minutesToday) {
  const d = { ...daily, [today]: minutesToday };
  const first = [Object.keys(d).sort()[0], daysBefore(today, 365)].sort()[1];
  const values = [];
  for (let day = first; day <= today; day = daysBefore(day, -1)) values.push(day in d ? d[day] : null);
  if (values.filter((v) => v !== null).length < rule.ratio_min_days) return null;
  const acute = ewmaLevels(values, rule.acute_span_days).at(-1);
  const chronic = ewmaLevels(values, rule.chronic_span_days).at(-1);
  // Both levels exist once a day is logged, and ratio_min_days of them were (above).
  return chronic == null || acute == null || chronic < 1 ? null : acute / chronic;
}

/** Boom check for `minutesToday`: above the longest day of the boom window, or a ratio above the high mark. */
export function boomCheck(daily, today, minutesToday) {
  const recent = windowOf(daily, today, rule.boom_window_days);
  const longest = recent.length ? Math.max(...recent) : null;
  const ratio = acuteChronicRatio(daily, today, minutesToday);
  const above = longest !== null && minutesToday > longest;
  const high = ratio !== null && ratio > rule.high_ratio;
  let message = '';
  if (above) message = fill(rule.boom_message, { minutes: minutesToday, window: rule.boom_window_days, longest: /** @type {number} */ (longest) });
  else if (high) message = fill(rule.spike_message, { ratio: /** @type {number} */ (ratio) });
  return { boom: above || high, aboveLongest: above, ratio, longest, message };
}

/** Minutes of continuous effort after which to suggest a rest break: a share of the budget, clamped. */
export function restBreakAfter(budget) {
  const r = rule.rest_break;
  return Math.min(r.max, Math.max(r.min, Math.floor(budget * r.share)));
}
