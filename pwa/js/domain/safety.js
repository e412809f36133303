// @ts-check
/**
 * Safety notes for the protocol screen, the same checks as server/protocol/safety.py so
 * they show offline: B6 above 100 mg a day, NSAIDs on most days, prescription without
 * prescriber. Pure.
 */
import { isActive, doseToday } from './protocol.js';
import { daysBefore } from './pacing.js';

export const B6_LIMIT_MG = 100;
const B6_NAME = /\b(b6|p5p|pyridox\w*)\b/i;
const TO_MG = { mg: 1, g: 1000, mcg: 0.001, 'µg': 0.001, ug: 0.001 };
const H = 'W. Le, PA-C, "Chronic Pain: Rewiring the Pain System"';
const A = 'Analgesia, "How inflammation sustains chronic pain" (2026)';

/** @typedef {{kind: string, severity: 'caution'|'note', message: string, source: string, item_ids: string[]}} Finding */

/** @param {import('./protocol.js').ProtocolItem} item @param {string} on */
export function dailyMg(item, on) {
  const dose = doseToday(item, on);
  const f = TO_MG[(item.unit ?? '').trim()];
  if (dose === null || dose === undefined || f === undefined) return null;
  return dose * f * Math.max(1, item.times?.length ?? 0);
}

/** @param {{id: string, data: any}[]} items @param {string} on @returns {Finding[]} */
export function b6Findings(items, on) {
  const hits = items.filter((r) => isActive(r.data, on) && B6_NAME.test(r.data.name ?? ''));
  const total = hits.reduce((a, r) => a + (dailyMg(r.data, on) ?? 0), 0);
  if (total <= B6_LIMIT_MG) return [];
  return [{ kind: 'b6_high', severity: 'caution', source: H, item_ids: hits.map((r) => r.id),
    message: `Your protocol adds up to ${+total.toFixed(1)} mg of vitamin B6 a day. More than ${B6_LIMIT_MG} mg a day over the long term can damage nerves (neuropathy). Please check this with your clinician.` }];
}

/**
 * NSAIDs on more than half of the days checked in over the last 14 (at least 7 such days).
 * @param {Record<string, number>} nsaidByDay one entry per local day with a check-in
 * @param {string} today @returns {Finding[]}
 */
export function nsaidFindings(nsaidByDay, today, window = 14) {
  const first = daysBefore(today, window - 1);
  const days = Object.entries(nsaidByDay).filter(([d]) => d >= first && d <= today);
  const taken = days.filter(([, n]) => n > 0).length;
  if (days.length < 7 || taken * 2 <= days.length) return [];
  return [{ kind: 'nsaid_most_days', severity: 'caution', source: A, item_ids: [],
    message: `You took NSAIDs (such as ibuprofen or naproxen) on ${taken} of the ${days.length} days you checked in over the last ${window} days. Long-term or frequent use may worsen inflammation across the body. Worth talking it over with your clinician.` }];
}

/** @param {{id: string, data: any}[]} items @param {string} on @returns {Finding[]} */
export function prescriberFindings(items, on) {
  return items.filter((r) => r.data.prescription && !(r.data.prescriber ?? '').trim() && isActive(r.data, on))
    .map((r) => ({ kind: 'prescriber_missing', severity: 'note', source: '', item_ids: [r.id],
      message: `${r.data.name || 'This item'} is a prescription medicine but no prescriber is noted. Add who prescribed it, so you know who to ask about changes.` }));
}

/** Sum NSAID doses per local day over check-ins. @param {{data: any}[]} checkins @param {(iso: string) => string} localDateOf */
export function nsaidByDay(checkins, localDateOf) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const c of checkins) {
    const d = localDateOf(c.data.at);
    out[d] = (out[d] ?? 0) + (c.data.nsaid_doses ?? 0);
  }
  return out;
}

/** All checks. @param {{id: string, data: any}[]} items @param {Record<string, number>} nsaids @param {string} today */
export function safetyFindings(items, nsaids, today) {
  return [...b6Findings(items, today), ...nsaidFindings(nsaids, today), ...prescriberFindings(items, today)];
}
