// @ts-check
/**
 * Plain-language and arithmetic helpers for the insights screens: date ranges, daily pain
 * from check-ins, sentences about the period, load, pattern evidence and the forecast,
 * before/after comparisons. (The takeaway and the grouped patterns are written by the server.)
 * Pure: the views pass in records and API results.
 */
import { addDays, dayNumber } from './scales.js';
import { humaniseInline } from './charts.js';

/** @typedef {'4w' | '3m' | '1y' | 'all'} RangeKey */
export const RANGES = /** @type {const} */ ([['4w', '4 weeks'], ['3m', '3 months'], ['1y', 'Year'], ['all', 'All']]);

/**
 * The dates a range key covers, ending today.
 * @param {RangeKey} key
 * @param {string} today  ISO date
 * @param {string} [first]  the first day with data (for 'all')
 * @returns {{from: string, to: string}}
 */
export function rangeFor(key, today, first) {
  const back = { '4w': 27, '3m': 90, '1y': 364 }[key];
  if (back !== undefined) return { from: addDays(today, -back), to: today };
  const from = first && first < today ? first : addDays(today, -27);
  return { from, to: today };
}

/**
 * @typedef {{at: string, local_date?: string, pain?: number | null, flare?: boolean,
 *   deleted?: boolean}} CheckInLike
 */

/**
 * The local date of a check-in: its `local_date`, else the date part of `at` (which the
 * client writes with the person's own UTC offset).
 * @param {CheckInLike} c
 */
export function checkinDate(c) {
  return c.local_date || String(c.at).slice(0, 10);
}

/**
 * Daily pain mean and max and whether a flare was logged, from check-ins (tombstones and
 * check-ins without pain ignored for the pain figures).
 * @param {CheckInLike[]} checkins
 * @returns {{date: string, pain_mean: number | null, pain_max: number | null, flare: boolean, n: number}[]}
 */
export function dailyPain(checkins) {
  /** @type {Map<string, {pains: number[], flare: boolean}>} */
  const days = new Map();
  for (const c of checkins) {
    if (c.deleted) continue;
    const d = checkinDate(c);
    const day = days.get(d) || { pains: [], flare: false };
    if (typeof c.pain === 'number') day.pains.push(c.pain);
    day.flare = day.flare || c.flare === true;
    days.set(d, day);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, { pains, flare }]) => ({
    date, flare, n: pains.length,
    pain_mean: pains.length ? pains.reduce((s, v) => s + v, 0) / pains.length : null,
    pain_max: pains.length ? Math.max(...pains) : null,
  }));
}

/**
 * Joins load days from the server with pain days from check-ins; the server's pain figures
 * win where present, the local ones fill gaps (e.g. offline entries not analysed yet).
 * @param {{date: string, score?: number, pain_mean?: number | null, pain_max?: number | null, flare?: boolean, contributors?: Record<string, number>}[]} load
 * @param {ReturnType<typeof dailyPain>} pain
 */
export function timelineDays(load, pain) {
  /** @type {Map<string, any>} */
  const out = new Map(pain.map((p) => [p.date, { ...p }]));
  for (const d of load || []) {
    const p = out.get(d.date) || {};
    out.set(d.date, {
      ...p, ...d,
      pain_mean: d.pain_mean ?? p.pain_mean ?? null,
      pain_max: d.pain_max ?? p.pain_max ?? null,
      flare: Boolean(d.flare || p.flare),
    });
  }
  return [...out.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * One sentence on today's load and its largest contributor.
 * @param {{score?: number | null, days_needed?: number, contributors?: Record<string, number>} | undefined} day
 * @param {number | null} [usual]  the person's usual load (usualLoad), so "30 of 100" has a meaning
 * @param {number} [wait]  without a usual yet: the days until there is one (usualWait)
 */
export function loadSentence(day, usual = null, wait = 0) {
  const needed = day?.days_needed ?? 0;
  if (day && typeof day.score !== 'number' && needed > 0) {
    return `No score yet (${needed} more day${needed === 1 ? '' : 's'} of check-ins): the load compares each day with your own previous four weeks.`;
  }
  // A new account has no load day at all yet: "check in and sync to see it" promised a figure
  // that a first check-in cannot give (the load needs a week of the person's own usual).
  if (!day || typeof day.score !== 'number') return 'No load figure yet: it needs about a week of check-ins, then each day is compared with your own usual.';
  const entries = Object.entries(day.contributors || {}).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const score = Math.round(day.score);
  const against = usual === null && wait > 0
    ? ` (whether that is high for you shows after ${wait} more day${wait === 1 ? '' : 's'} of check-ins)`
    : usualText(score, usual);
  if (!entries.length) return `Today's load is ${score} of 100${against}, with no single contributor standing out.`;
  const [name, pts] = entries[0];
  const share = Math.round((100 * pts) / entries.reduce((s, [, v]) => s + v, 0));
  return `Today's load is ${score} of 100${against}. The largest part is ${humaniseInline(name)}: ${Math.round(pts)} points, ${share}% of the total.`;
}

/**
 * One line about the days shown: mean pain over the days with a rating, and flare days.
 * The first days read as what they are ("Your first day with a check-in"), never "1 days".
 * @param {{date: string, pain_mean?: number | null, flare?: boolean}[]} days
 * @param {string} from
 * @param {string} to
 */
export function periodLine(days, from, to) {
  const inside = days.filter((d) => d.date >= from && d.date <= to);
  const means = /** @type {number[]} */ (inside.map((d) => d.pain_mean).filter((v) => typeof v === 'number'));
  if (!means.length) return 'No pain ratings in this period yet.';
  const avg = (means.reduce((s, v) => s + v, 0) / means.length).toFixed(1);
  const flares = inside.filter((d) => d.flare).length;
  const flareText = flares ? ` ${flares} flare day${flares === 1 ? '' : 's'}.` : '';
  if (means.length === 1) return `One day with a check-in so far: pain ${avg}.${flareText}`;
  return `Pain averaged ${avg} over ${means.length} days with check-ins.${flareText || ' No flare days.'}`;
}

/**
 * A pattern as the server sends it. Its effect, interval and direction read the same way as
 * its summary (low-end factors such as short sleep included), so nothing here turns them.
 * @typedef {{kind: string, factors: string[], outcome: string, lag_days: number,
 *   direction: string, threshold?: {factor: string, value: number} | null, effect: number,
 *   ci_low: number, ci_high: number, q_value: number, n: number, summary: string,
 *   lag_range?: number[], lag_exact?: boolean, timing?: string, counted_from?: string}} Pattern
 */

/**
 * When a pattern shows. ``range`` is the server's lag_range: wider than the lag when the
 * person's check-ins left the days next to it with too few pairs (every other day: lag 2 may
 * be 1 to 3 days), and then the timing is told as that range, never as one day.
 * @param {number} lag
 * @param {number[]} [range]
 */
export function lagText(lag, range) {
  if (range && range[1] > range[0]) {
    return range[0] === 0 ? `shows up the same day or up to ${range[1]} day${range[1] === 1 ? '' : 's'} later`
      : `shows up ${range[0]} to ${range[1]} days later`;
  }
  if (!lag) return 'same day';
  return lag === 1 ? 'shows up the next day' : `shows up ${lag} days later`;
}

/**
 * The evidence behind a pattern, in plain words.
 * @param {Pattern} p
 * @returns {string[]}
 */
export function whyWeBelieve(p) {
  const lines = [`Based on ${p.n} days of your own check-ins.`, intervalLine(p),
    // a q-value is the expected share of chance findings among those this strong, not "the
    // chance this one is a fluke" (that reading is the p-value fallacy a statistician objects to)
    `Allowing for the many things we tested: of links as strong as this one, we expect ${inHundred(p.q_value)} to be chance (false-discovery rate).`];
  if (p.threshold) lines.push(`It appears when ${humaniseInline(p.threshold.factor)} passes ${p.threshold.value}.`);
  if (p.timing === 'next_check_in' && p.lag_range) {
    // a sparse logger's day against their first check-in that many days later or after
    const from = p.lag_days === 1 ? 'your next check-in after it' : `your first check-in ${p.lag_days} or more days after it`;
    lines.push(`We compared each day with ${from}, allowing for your pain that day and the days between. It ${lagText(p.lag_days, p.lag_range).replace('shows', 'may show')}: with days between your check-ins, which of these days can't be told.`);
  } else if (p.lag_exact === false && p.lag_range) {
    const others = [];
    for (let k = p.lag_range[0]; k <= p.lag_range[1]; k += 1) if (k !== p.lag_days) others.push(k);
    const apart = `${others.join(' or ')} day${others.join() === '1' ? '' : 's'}`;
    lines.push(`It ${lagText(p.lag_days, p.lag_range).replace('shows', 'may show')}: few of your check-ins are ${apart} apart, so which of these days can't be told.`);
  } else if (p.counted_from === 'night' && p.kind !== 'precursor') {
    // counted from the night, as the sentence above it is ("the day after", "two days after")
    lines.push(`We compared each night with your pain ${afterNight(p.lag_days)}, allowing for the fact that pain one day predicts pain the next.`);
  } else if (p.lag_days) lines.push(`We compared each day with what followed ${p.lag_days} day${p.lag_days === 1 ? '' : 's'} later, allowing for the fact that pain today predicts pain tomorrow.`);
  return lines;
}

/**
 * Where "no difference" sits for a pattern's effect: 1 for flare odds ratios, else 0.
 * @param {Pattern} p
 */
export function nullEffect(p) {
  return p.outcome === 'flare' && p.kind !== 'precursor' ? 1 : 0;
}

/**
 * The likely range in words, in the effect's own unit.
 * @param {Pattern} p
 */
function intervalLine(p) {
  const lo = Number(p.ci_low.toFixed(2));
  const hi = Number(p.ci_high.toFixed(2));
  // Two significant figures, as the summary above it says them (docs/analysis.md §3.3): flares
  // are rare, so the range is wide, and "between 1.75 and 302.85" claimed a precision it lacks.
  if (nullEffect(p) === 1) return `The odds of a flare are likely between ${twoFigures(p.ci_low)} and ${twoFigures(p.ci_high)} times as high (1 would mean no difference).`;
  if (p.kind === 'precursor') return `Before flares, ${humaniseInline(p.factors[0])} differed by between ${fmtSigned(lo)} and ${fmtSigned(hi)} from other days.`;
  return `The likely size of the effect is between ${fmtSigned(lo)} and ${fmtSigned(hi)} points of pain (0–10); the whole range is on one side of "no difference".`;
}

/** @param {number} v */
function twoFigures(v) {
  return Number(v.toPrecision(2));
}

/** @param {number} v */
function fmtSigned(v) {
  return `${v > 0 ? '+' : ''}${Number(v.toFixed(2))}`;
}

/** @param {number} q */
/** @param {number} lag days from the day the night ended */
function afterNight(lag) {
  return lag === 0 ? 'the day after it' : `${['two', 'three', 'four'][lag - 1] ?? lag + 1} days after it`;
}

/** @param {number} q */
function inHundred(q) {
  return q < 0.01 ? 'fewer than 1 in 100' : `about ${Math.round(q * 100)} in 100`;
}

/**
 * The forecast's honesty line from its quality figures. The server shows a figure only when
 * the forecast beat every baseline (docs/analysis.md §4); the line says against what.
 * @param {{auc?: number | null, brier?: number | null, n_days?: number, events?: number, beats_baseline?: boolean, baseline?: Record<string, {auc?: number | null}>} | undefined} q
 */
export function forecastQuality(q) {
  if (!q || typeof q.auc !== 'number' || (q.n_days ?? 0) < 14) return 'Too few days yet to say how often this forecast is right.';
  const tested = `(tested on ${q.n_days} past days${typeof q.events === 'number' ? ` with ${q.events} flares` : ''})`;
  if (q.auc < 0.6 || q.beats_baseline === false) return `No better so far than "tomorrow is like today" ${tested}.`;
  const best = strongestBaseline(q.baseline);
  const against = best ? `, against ${Math.round(best.auc * 100)}% ${BASELINE_WORDS[best.name]}` : '';
  const share = `It ranked flare days above calm days ${Math.round(q.auc * 100)}% of the time${against} ${tested}.`;
  if (q.auc < 0.7) return `A little better than judging by today's pain and flares. ${share}`;
  if (q.auc < 0.8) return `Better than judging by today's pain and flares, but often wrong. ${share}`;
  // an AUC says how well flare days are ranked, not how often a forecast is right ("usually
  // right" read it as accuracy, which with few flare days it is not)
  return `Clearly better than judging by today's pain and flares. ${share}`;
}

/** The baselines as the forecast's line names them (docs/analysis.md §4). */
const BASELINE_WORDS = /** @type {Record<string, string>} */ ({
  base_rate: 'from your usual flare rate',
  persistence: 'judging by whether today was a flare day',
  pain: "judging by today's and yesterday's pain",
});

/**
 * The baseline that ranked best (the one to beat), with its AUC; null without any.
 * @param {Record<string, {auc?: number | null}> | undefined} baseline
 * @returns {{name: string, auc: number} | null}
 */
function strongestBaseline(baseline) {
  /** @type {{name: string, auc: number} | null} */
  let best = null;
  for (const [name, b] of Object.entries(baseline ?? {})) {
    if (name in BASELINE_WORDS && typeof b?.auc === 'number' && (!best || b.auc > best.auc)) best = { name, auc: b.auc };
  }
  return best;
}

/**
 * Calibration as the person reads it: of the days it gave about N%, how many had a flare.
 * @param {{calibration?: {predicted: number, observed: number, n: number}[]} | undefined} q
 */
export function calibrationLines(q) {
  // Neighbouring bins that read as the same percentage are one line (their days and flares
  // added up): two lines both saying "about 1%" with different outcomes looked contradictory.
  /** @type {{pct: number, days: number, flares: number}[]} */
  const lines = [];
  for (const b of (q?.calibration ?? []).filter((x) => x.n > 0)) {
    const pct = Math.round(b.predicted * 100);
    const last = lines[lines.length - 1];
    if (last && last.pct === pct) { last.days += b.n; last.flares += b.observed * b.n; } else lines.push({ pct, days: b.n, flares: b.observed * b.n });
  }
  return lines.map((l) => `Forecast ${l.pct < 1 ? 'under 1%' : `about ${l.pct}%`}: a flare followed on ${Math.round((l.flares / l.days) * 100)}% of ${l.days} days.`);
}

/** Days with a pain rating each side needs before a comparison is shown (our choice). */
export const MIN_SIDE_DAYS = 14;

/**
 * Least squares for a few columns (normal equations, Gaussian elimination); null if singular.
 * @param {number[][]} rows  each row: the columns, constant included
 * @param {number[]} y
 */
function leastSquares(rows, y) {
  const k = rows[0]?.length ?? 0;
  return solveNormal(Array.from({ length: k }, (_, i) => [...Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)), rows.reduce((s, r, n) => s + r[i] * y[n], 0)]));
}

/**
 * Solve normal equations given as an augmented matrix [XᵀX | Xᵀy] (Gaussian elimination with
 * pivoting); null if singular. Changed in place.
 * @param {number[][]} a
 */
function solveNormal(a) {
  const k = a.length;
  for (let c = 0; c < k; c++) {
    const p = a.reduce((best, row, i) => (i >= c && Math.abs(row[c]) > Math.abs(a[best][c]) ? i : best), c);
    if (Math.abs(a[p][c]) < 1e-9) return null;
    [a[c], a[p]] = [a[p], a[c]];
    for (let i = 0; i < k; i++) {
      if (i === c) continue;
      const f = a[i][c] / a[c][c];
      for (let j = c; j <= k; j++) a[i][j] -= f * a[c][j];
    }
  }
  return a.map((row, i) => row[k] / row[i]);
}

/** How rare a change must be among the person's other dates or shifts before a card tells it (our choice, docs/analysis.md §4a). */
export const CHANCE_LEVEL = 0.05;

/** Fewest other dates (or shifts) a change is set against: with fewer, even the largest change could not reach CHANCE_LEVEL. */
const MIN_COMPARISONS = Math.ceil(1 / CHANCE_LEVEL) - 1;

/**
 * How often the person's own data, with nothing started (other dates) or the practice's
 * days moved (shifts), gave a change at least as large either way: (1 + as large) / (1 + all),
 * or null with too few comparisons to tell anything from chance.
 * @param {number} change
 * @param {number[]} others
 */
function chanceOf(change, others) {
  if (others.length < MIN_COMPARISONS) return null;
  return (1 + others.filter((o) => Math.abs(o) >= Math.abs(change) - 1e-9).length) / (1 + others.length);
}

/**
 * Index of the first day numbered `n` or later in `rated` (sorted by day).
 * @param {{n: number}[]} rated @param {number} n
 */
function firstAtOrAfter(rated, n) {
  let lo = 0;
  let hi = rated.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rated[mid].n < n) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * The step in pain at day number `s`, beyond the trend of the `window` days before it (pain ~
 * day + after), with the pain of each side; step null with fewer than MIN_SIDE_DAYS a side.
 * @param {{n: number, pain: number}[]} rated
 * @param {number} s
 * @param {number} window
 */
function stepAt(rated, s, window) {
  const near = rated.slice(firstAtOrAfter(rated, s - window), firstAtOrAfter(rated, s + window));
  const before = near.filter((d) => d.n < s).map((d) => d.pain);
  const after = near.filter((d) => d.n >= s).map((d) => d.pain);
  if (before.length < MIN_SIDE_DAYS || after.length < MIN_SIDE_DAYS) return { before, after, step: null };
  const coef = leastSquares(near.map((d) => [1, d.n - s, d.n >= s ? 1 : 0]), near.map((d) => d.pain));
  return { before, after, step: coef ? coef[2] : null };
}

/**
 * Pain in the `window` days before `start` and in the `window` days from it. `diff` is the
 * change in level at `start` beyond the trend the days before were already on (an interrupted
 * time series), or null with fewer than MIN_SIDE_DAYS rated days a side: a raw before/after
 * mean credits an item with a recovery that had already begun.
 *
 * `chance` says whether the step stands out: the same step measured at every other date of
 * the person's check-ins (placebo starts) and the share at least as large. Pain drifts in
 * runs of good and bad weeks, so steps of a point or more at dates when nothing began are
 * common; a fixed cut on the step told 70% of simulated people who started something useless
 * that their pain had changed. Dates near the start stay in: leaving them out made a step
 * that happened to sit on a bad run look rarer than it is (docs/analysis.md §4a).
 * @param {{date: string, pain_mean: number | null}[]} days
 * @param {string} start  ISO date the practice or item began
 * @param {number} [window]
 */
export function beforeAfter(days, start, window = 28) {
  const rated = days.filter((d) => typeof d.pain_mean === 'number').map((d) => ({ n: dayNumber(d.date), pain: /** @type {number} */ (d.pain_mean) }))
    .sort((a, b) => a.n - b.n);
  const s = dayNumber(start);
  const real = stepAt(rated, s, window);
  const out = summarise(real.before, real.after);
  if (real.step === null) return { ...out, diff: null, chance: null };
  /** @type {number[]} */
  const others = [];
  const first = rated[0].n;
  const last = rated[rated.length - 1].n;
  for (let t = first + MIN_SIDE_DAYS; t <= last - MIN_SIDE_DAYS + 1; t++) {
    if (t === s) continue;
    const step = stepAt(rated, t, window).step;
    if (step !== null) others.push(step);
  }
  return { ...out, diff: real.step, chance: chanceOf(real.step, others) };
}

/**
 * Pain the day after days with and without a practice (e.g. breathing minutes > 0), allowing
 * for that day's own pain. People reach for a practice on bad days, so a same-day comparison
 * makes any practice look harmful; `diff` is the practice's term in next-day pain ~ today's
 * pain + practice, or null with fewer than MIN_SIDE_DAYS such day pairs a side.
 *
 * `chance`: the same term with the practice's days moved round the calendar by every shift
 * of at least a week (a circular shift keeps how often and in what runs the practice was done,
 * and breaks its link with the days that follow), as the pattern engine's null does.
 * @param {{date: string, pain_mean: number | null}[]} days
 * @param {(date: string) => boolean} did
 */
export function withWithout(days, did) {
  const byDay = new Map(days.filter((d) => typeof d.pain_mean === 'number').map((d) => [dayNumber(d.date), d]));
  const pairs = [...byDay].filter(([n]) => byDay.has(n + 1)).sort(([a], [b]) => a - b).map(([n, d]) => ({
    did: did(d.date) ? 1 : 0, today: /** @type {number} */ (d.pain_mean), next: /** @type {number} */ (byDay.get(n + 1)?.pain_mean) }));
  const out = summarise(pairs.filter((p) => !p.did).map((p) => p.next), pairs.filter((p) => p.did).map((p) => p.next));
  if (out.before.n < MIN_SIDE_DAYS || out.after.n < MIN_SIDE_DAYS) return { ...out, diff: null, chance: null };
  // The regression's sums that a shift of the practice days leaves alone are taken once; per
  // shift only the two that pair the practice with today's and tomorrow's pain change (a
  // regression rebuilt per shift took half a second for five years of check-ins).
  const used = pairs.map((p) => p.did);
  const total = (/** @type {(p: typeof pairs[0]) => number} */ f) => pairs.reduce((sum, p) => sum + f(p), 0);
  const n = pairs.length;
  const practiced = used.reduce((a, b) => a + b, 0);
  const [t, tt, y, ty] = [total((p) => p.today), total((p) => p.today * p.today), total((p) => p.next), total((p) => p.today * p.next)];
  const term = (/** @type {number} */ shift) => {
    let tu = 0;
    let uy = 0;
    for (let i = 0; i < n; i++) {
      if (used[(i + shift) % n]) { tu += pairs[i].today; uy += pairs[i].next; }
    }
    return solveNormal([[n, t, practiced, y], [t, tt, tu, ty], [practiced, tu, practiced, uy]])?.[2] ?? null;
  };
  const diff = term(0);
  if (diff === null) return { ...out, diff: null, chance: null };
  /** @type {number[]} */
  const others = [];
  for (let k = 7; k <= n - 7; k++) {
    const moved = term(k);
    if (moved !== null) others.push(moved);
  }
  return { ...out, diff, chance: chanceOf(diff, others) };
}

/**
 * @param {number[]} before
 * @param {number[]} after
 */
function summarise(before, after) {
  const mean = (/** @type {number[]} */ a) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : null);
  const b = mean(before);
  const a = mean(after);
  return { before: { mean: b, n: before.length }, after: { mean: a, n: after.length }, diff: a !== null && b !== null ? a - b : null };
}

/** Under this many points of adjusted change, a "What helps" card says there is no clear change (our choice: about the size of one rating step either way). */
export const CLEAR_CHANGE = 0.5;

/**
 * The one plain sentence a "What helps" card leads with, from its adjusted change (the
 * numbers stay below it). It says what went with what, never that the item did it, and it
 * tells a change only when it is at least CLEAR_CHANGE and rarer than CHANCE_LEVEL among the
 * person's own other dates (or shifts): otherwise the person's usual ups and downs explain it.
 * @param {{diff: number | null, chance?: number | null}} c  from beforeAfter or withWithout
 * @param {'started' | 'practice'} kind  a protocol item started on a day, or a practice done on some days
 * @returns {string}
 */
export function compareTakeaway(c, kind) {
  if (c.diff === null) {
    // a practice is judged by the next day's pain, so its days count only when a check-in
    // follows the next day: someone who checks in every other day has few such days
    return kind === 'started' ? `Not shown yet: it needs ${MIN_SIDE_DAYS} days with a pain rating before you started and ${MIN_SIDE_DAYS} after.`
      : `Not shown yet: it needs ${MIN_SIDE_DAYS} days with it and ${MIN_SIDE_DAYS} without, each followed by a check-in the next day.`;
  }
  if (c.chance === null || c.chance === undefined) return 'Not shown yet: it needs more weeks of check-ins to tell a change from your usual ups and downs.';
  const size = Math.abs(c.diff);
  const clear = size >= CLEAR_CHANGE && c.chance <= CHANCE_LEVEL;
  const points = `about ${size.toFixed(1)} points`;
  const way = c.diff < 0 ? 'lower' : 'higher';
  if (kind === 'started') {
    return clear ? `Since you started, your pain has been ${points} ${way} than the way it was already going.`
      : 'No clear change in your pain since you started: changes this size come and go in your check-ins anyway.';
  }
  return clear ? `The day after, your pain was ${points} ${way} than after days without it.`
    : 'No clear difference in your pain the day after.';
}

/** Points either side of the usual load that still read as "about your usual" (our choice). */
export const USUAL_BAND = 5;

/** Scored days in the 28 before a day that a usual load needs (our choice, as the band). */
const USUAL_MIN_DAYS = 7;

/**
 * The scores of the 28 days before `date`.
 * @param {{date: string, score?: number | null}[]} load @param {string} date
 */
function scoresBefore(load, date) {
  const from = addDays(date, -28);
  return load.filter((d) => d.date >= from && d.date < date && typeof d.score === 'number').map((d) => /** @type {number} */ (d.score));
}

/**
 * How many more days with a score before `date` has a usual load (0 once it has one): in a
 * person's second week "Today's load is 15 of 100" stood alone, with no word on when it could
 * be read against their usual.
 * @param {{date: string, score?: number | null}[]} load @param {string} date
 */
export function usualWait(load, date) {
  return Math.max(0, USUAL_MIN_DAYS - scoresBefore(load, date).length);
}

/**
 * The person's usual load before a day: the median score of the 28 days before it, or null
 * with fewer than 7 scored days. "30 of 100" alone said nothing about whether 30 is a lot
 * for this person; the load itself is measured against their own baseline the same way.
 * @param {{date: string, score?: number | null}[]} load
 * @param {string} date
 * @returns {number | null}
 */
export function usualLoad(load, date) {
  const scores = scoresBefore(load, date).sort((a, b) => a - b);
  if (scores.length < USUAL_MIN_DAYS) return null;
  const mid = scores.length >> 1;
  return scores.length % 2 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2;
}

/**
 * ", about your usual" / ", higher than your usual (about 22)"; "" without a usual.
 * @param {number} score
 * @param {number | null} usual
 */
function usualText(score, usual) {
  if (usual === null || usual === undefined) return '';
  const u = Math.round(usual);
  if (Math.abs(score - usual) < USUAL_BAND) return `, about your usual (${u})`;
  return `, ${score > usual ? 'higher' : 'lower'} than your usual (about ${u})`;
}
