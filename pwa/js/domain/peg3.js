// @ts-check
/** Weekly PEG-3 (Krebs 2009): week boundaries, the score, and whether this week's is still due. Pure. */
import { addDays, dayNumber } from './scales.js';
import { weekday } from './heatmap.js';

/** @typedef {{week_start: string, pain: number, enjoyment: number, activity: number}} Peg3 */

export const PEG_QUESTIONS = /** @type {const} */ ([
  ['pain', 'What number best describes your pain on average in the past week?', 'no pain', 'as bad as you can imagine'],
  ['enjoyment', 'How much has pain interfered with your enjoyment of life in the past week?', 'not at all', 'completely'],
  ['activity', 'How much has pain interfered with your general activity in the past week?', 'not at all', 'completely'],
]);

/**
 * The Monday that starts the week of an ISO date.
 * @param {string} iso
 */
export function weekStart(iso) {
  return addDays(iso, -weekday(iso));
}

/**
 * The PEG-3 score: the mean of the three answers, or null if any is missing.
 * @param {Partial<Peg3>} p
 */
export function pegScore(p) {
  const v = [p.pain, p.enjoyment, p.activity];
  return v.every((x) => typeof x === 'number') ? /** @type {number[]} */ (v).reduce((s, x) => s + x, 0) / 3 : null;
}

/**
 * Whether to offer this week's PEG-3: none answered yet for the week containing `today`.
 * @param {Peg3[]} entries
 * @param {string} today
 */
export function pegDue(entries, today) {
  const week = weekStart(today);
  return !entries.some((e) => e.week_start === week);
}

/**
 * Entries sorted by week with their score, one per week (the last one given wins).
 * @param {Peg3[]} entries
 */
export function pegSeries(entries) {
  const byWeek = new Map(entries.map((e) => [e.week_start, e]));
  return [...byWeek.values()].sort((a, b) => dayNumber(a.week_start) - dayNumber(b.week_start))
    .map((e) => ({ ...e, score: pegScore(e) }));
}

/**
 * Whether to put "Your weekly PEG-3 is ready" in front of the person: this week's is still
 * due, and they have used the app for a week. On day one a question about "the past week"
 * has nothing to look back on, so it waits (the PEG-3 screen itself is always open).
 * @param {Peg3[]} entries
 * @param {string} today
 * @param {string | undefined} firstCheckin  the first day with a check-in
 */
export function pegOffered(entries, today, firstCheckin) {
  return Boolean(firstCheckin) && dayNumber(today) - dayNumber(/** @type {string} */ (firstCheckin)) >= 6 && pegDue(entries, today);
}
