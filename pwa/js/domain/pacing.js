// @ts-check
/**
 * Movement pacing, the same rules as server/practices/pacing.py so the screen works
 * offline: ~80% of current tolerance, ~10% a week (or hold steady), boom-day warning.
 * `daily` maps local ISO dates to activity minutes (days with a check-in only). Pure.
 */

export const BASELINE_SHARE = 0.8;
export const DEFAULT_WEEKLY_INCREASE = 0.1;
// The analysis engine's measure: EWMA 7:28-day ratio (Williams et al. 2017) after 21 logged days; above 1.3 is high.
export const HIGH_RATIO = 1.3;
const RATIO_MIN_DAYS = 21;
const MIN_DAYS = 5;

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

/** Median minutes over the 14 days before today; null under 5 days. */
export function currentTolerance(daily, today) {
  const xs = windowOf(daily, today, 14);
  return xs.length >= MIN_DAYS ? median(xs) : null;
}

/** About 80% of current tolerance in whole minutes, or null. */
export function proposedBaseline(daily, today) {
  const t = currentTolerance(daily, today);
  return t === null ? null : Math.max(1, Math.round(t * BASELINE_SHARE));
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

/** EWMA 7-day over 28-day minutes with today as `minutesToday`; null before 21 logged days. */
export function acuteChronicRatio(daily, today, minutesToday) {
  const d = { ...daily, [today]: minutesToday };
  const first = [Object.keys(d).sort()[0], daysBefore(today, 365)].sort()[1];
  const values = [];
  for (let day = first; day <= today; day = daysBefore(day, -1)) values.push(day in d ? d[day] : null);
  if (values.filter((v) => v !== null).length < RATIO_MIN_DAYS) return null;
  const acute = ewmaLevels(values, 7).at(-1);
  const chronic = ewmaLevels(values, 28).at(-1);
  return chronic === null || chronic < 1 ? null : acute / chronic;
}

/** Boom check for `minutesToday`: above the longest of the last 30 days, or a ratio above 1.3. */
export function boomCheck(daily, today, minutesToday) {
  const last30 = windowOf(daily, today, 30);
  const longest = last30.length ? Math.max(...last30) : null;
  const ratio = acuteChronicRatio(daily, today, minutesToday);
  const above = longest !== null && minutesToday > longest;
  const high = ratio !== null && ratio > HIGH_RATIO;
  let message = '';
  if (above) message = `${minutesToday} minutes would be more than your most active day of the last 30 (${longest} min). Boom days are often followed by a crash 12–72 hours later.`;
  else if (high) message = `This week is ${ratio.toFixed(1)}× busier than your last four weeks on average. Consider a lighter day to let your body catch up.`;
  return { boom: above || high, aboveLongest: above, ratio, longest, message };
}

/** Minutes of continuous effort after which to suggest a rest break: half the budget, 10–30. */
export function restBreakAfter(budget) {
  return Math.min(30, Math.max(10, Math.floor(budget / 2)));
}
