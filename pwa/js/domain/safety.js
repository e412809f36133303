// @ts-check
/**
 * The interaction and contraindication checker: rules/safety.json evaluated on what the
 * person takes, offline. The server evaluates the same table (server/protocol/safety.py)
 * and tests/vectors/safety.json holds the cases both run. Findings advise talking to the
 * prescriber; nothing is ever blocked. Pure.
 */
import table from './rules/safety.json' with { type: 'json' };
import { isActive, doseToday, templateOf, mgPerUnit } from './protocol.js';
import { substancesIn, classesOf, words, MAGNESIUM_FRACTIONS } from './substances.js';
import { fill } from './rules.js';
import { daysBefore } from './pacing.js';

export const TABLE = table;
export const CONDITIONS = table.conditions;
const CONDITION_LABELS = Object.fromEntries(table.conditions.map((c) => [c.key, c.label]));
export const NSAID_LOG_NAME = 'NSAIDs logged in your check-ins';

/**
 * @typedef {{kind: string, severity: 'avoid'|'caution'|'note', title: string, message: string, action: string,
 *            source: string, item_ids: string[], involves: string[]}} Finding
 * @typedef {{date: string, medications?: {name: string}[], nsaid_doses?: number}} CheckinFacts
 * @typedef {{ref: string, name: string, substances: Set<string>, classes: Set<string>, itemId: string|null,
 *            dailyMg: number|null, data: any}} Taken
 */

/**
 * Milligrams a day: one dose times the number of times (an item without times counts once),
 * or null when the dose is unset or its unit is not a mass.
 * @param {import('./protocol.js').ProtocolItem} item @param {string} on
 */
export function dailyMg(item, on) {
  const dose = doseToday(item, on);
  const f = mgPerUnit(item.unit);
  if (dose === null || dose === undefined || f === undefined) return null;
  return dose * f * Math.max(1, item.times?.length ?? 0);
}

/** Substances an item names, plus its template's. @param {any} data @returns {string[]} */
export function itemSubstances(data) {
  const keys = substancesIn(data.name ?? '');
  const t = templateOf(data.template);
  if (t && !keys.includes(t.substance)) keys.push(t.substance);
  return keys;
}

/** @param {string} ref @param {string} name @param {string[]} keys @param {Partial<Taken>} [extra] @returns {Taken} */
function taken(ref, name, keys, extra = {}) {
  return { ref, name, substances: new Set(keys), classes: classesOf(keys), itemId: null, dailyMg: null, data: {}, ...extra };
}

/**
 * What the person takes on `today`: active protocol items, then check-in medicines of the
 * last `checkin_days` days that are not already protocol items, then logged NSAIDs (unless
 * an NSAID is named).
 * @param {{id: string, data: any}[]} items @param {CheckinFacts[]} checkins @param {string} today
 * @returns {Taken[]}
 */
export function takenList(items, checkins, today) {
  const out = items.filter((r) => isActive(r.data, today))
    .map((r) => taken(r.id, r.data.name ?? '', itemSubstances(r.data), { itemId: r.id, dailyMg: dailyMg(r.data, today), data: r.data }));
  const known = new Set(out.map((t) => words(t.name)));
  const first = daysBefore(today, table.checkin_days - 1);
  const recent = checkins.filter((c) => c.date >= first && c.date <= today);
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const c of [...recent].sort((a, b) => b.date.localeCompare(a.date))) { // the newest spelling is shown
    for (const m of c.medications ?? []) if (!names.has(words(m.name))) names.set(words(m.name), m.name);
  }
  for (const [norm, name] of names) {
    if (norm.trim() && !known.has(norm)) out.push(taken(`checkin:${norm.trim()}`, name, substancesIn(name)));
  }
  // Logged NSAID doses count as one entry only when nothing named is an NSAID already
  // ("Ibuprofen; NSAIDs logged in your check-ins" said one thing twice).
  if (recent.some((c) => (c.nsaid_doses ?? 0) > 0) && !out.some((t) => t.classes.has('nsaid'))) {
    out.push({ ...taken('checkin:nsaid_doses', NSAID_LOG_NAME, []), classes: new Set(['nsaid']) });
  }
  return out;
}

/** @param {any} matcher @param {Taken[]} list @param {Set<string>} conditions @returns {Taken[]} */
function matches(matcher, list, conditions) {
  if ('condition' in matcher) {
    return conditions.has(matcher.condition) ? [taken(`condition:${matcher.condition}`, CONDITION_LABELS[matcher.condition], [])] : [];
  }
  if ('substance' in matcher) return list.filter((t) => t.substances.has(matcher.substance));
  if ('class' in matcher) return list.filter((t) => t.classes.has(matcher.class));
  return list.filter((t) => t.itemId !== null); // any_item: every active protocol item
}

/** @param {any[]} matchers @param {Taken[]} list @param {Set<string>} conditions @param {Set<string>} [exclude] */
function anyOf(matchers, list, conditions, exclude = new Set()) {
  /** @type {Map<string, Taken>} */
  const found = new Map();
  for (const m of matchers) for (const t of matches(m, list, conditions)) if (!exclude.has(t.ref) && !found.has(t.ref)) found.set(t.ref, t);
  return [...found.values()];
}

/** A rule's dose threshold: met when any subject's daily amount is unknown, or they add up to it. @param {any} rule @param {Taken[]} subjects */
function enough(rule, subjects) {
  if (rule.min_daily_mg === undefined) return true;
  const doses = subjects.filter((t) => !t.ref.startsWith('condition:')).map((t) => t.dailyMg);
  return doses.some((d) => d === null) || doses.reduce((/** @type {number} */ a, d) => a + (d ?? 0), 0) >= rule.min_daily_mg;
}

/** @param {any} rule @param {Record<string, string|number>} values @param {Taken[]} involved @param {boolean} [unsure] @returns {Finding} */
function finding(rule, values, involved, unsure = false) {
  return {
    kind: rule.key, severity: rule.severity,
    title: fill(unsure ? rule.what_if_unsure : rule.what, values),
    message: fill(unsure ? rule.why_if_unsure : rule.why, values),
    action: fill(rule.action, values), source: rule.source,
    item_ids: [...new Set(involved.filter((t) => t.itemId).map((t) => /** @type {string} */ (t.itemId)))],
    involves: [...new Set(involved.map((t) => t.name))],
  };
}

/** @param {any} rule @param {Taken[]} list @param {Set<string>} conditions @returns {Finding|null} */
function pairFinding(rule, list, conditions) {
  const subjects = anyOf(rule.if, list, conditions);
  if (!subjects.length || !enough(rule, subjects)) return null;
  const partners = anyOf(rule.with, list, conditions, new Set(subjects.map((t) => t.ref)));
  return partners.length ? finding(rule, {}, [...subjects, ...partners]) : null;
}

/** Share of a compound that is elemental magnesium, from the item's or its template's name. @param {any} data */
function fraction(data) {
  const padded = words(`${data.name ?? ''} ${templateOf(data.template)?.name ?? ''}`);
  const hit = Object.entries(MAGNESIUM_FRACTIONS).find(([compound]) => padded.includes(` ${compound} `));
  return hit ? hit[1] : null;
}

/** [mg a day counted, whether that is a guess]. @param {any} rule @param {Taken} t @returns {[number, boolean]} */
function amount(rule, t) {
  const mg = t.dailyMg ?? 0;
  if (!rule.elemental || mg === 0) return [mg, false];
  const basis = t.data.basis ?? templateOf(t.data.template)?.basis ?? null;
  if (basis === 'elemental') return [mg, false];
  const f = basis === 'compound' ? fraction(t.data) : null;
  return f ? [mg * f, false] : [mg, true];
}

/** @param {any} rule @param {Taken[]} list @returns {Finding|null} */
function totalFinding(rule, list) {
  const hits = list.filter((t) => t.itemId && t.substances.has(rule.substance));
  const amounts = hits.map((t) => amount(rule, t));
  const total = amounts.reduce((a, [mg]) => a + mg, 0);
  if (total <= rule.limit_mg) return null;
  return finding(rule, { total, limit: rule.limit_mg }, hits, amounts.some(([, guess]) => guess));
}

/** @param {any} rule @param {CheckinFacts[]} checkins @param {string} today @returns {Finding|null} */
function nsaidFinding(rule, checkins, today) {
  const first = daysBefore(today, rule.window_days - 1);
  /** @type {Record<string, number>} */
  const perDay = {};
  for (const c of checkins) if (c.date >= first && c.date <= today) perDay[c.date] = (perDay[c.date] ?? 0) + (c.nsaid_doses ?? 0);
  const days = Object.values(perDay);
  const takenDays = days.filter((n) => n > 0).length;
  if (days.length < rule.min_logged_days || takenDays * 2 <= days.length) return null;
  return finding(rule, { taken: takenDays, days: days.length, window: rule.window_days }, []);
}

/** @param {any} rule @param {Taken[]} list @returns {Finding[]} */
function prescriberFindings(rule, list) {
  return list.filter((t) => t.itemId && t.data.prescription && !(t.data.prescriber ?? '').trim())
    .map((t) => finding(rule, { name: t.name || 'This item' }, [t]));
}

/**
 * Every finding for one person on `today`, most serious first (table order within a severity).
 * @param {{id: string, data: any}[]} items live protocol items
 * @param {CheckinFacts[]} checkins each check-in's local date and what it logged
 * @param {string[]} conditions keys of the table's conditions
 * @param {string} today ISO date
 * @returns {Finding[]}
 */
export function safetyFindings(items, checkins, conditions, today) {
  const list = takenList(items, checkins, today);
  const have = new Set(conditions);
  /** @type {Finding[]} */
  const found = [];
  for (const rule of /** @type {any[]} */ (table.rules)) {
    if (rule.kind === 'prescriber') found.push(...prescriberFindings(rule, list));
    const one = rule.kind === 'pair' ? pairFinding(rule, list, have)
      : rule.kind === 'daily_total' ? totalFinding(rule, list)
        : rule.kind === 'nsaid_frequency' ? nsaidFinding(rule, checkins, today) : null;
    if (one) found.push(one);
  }
  const rank = (/** @type {Finding} */ f) => table.severities[f.severity].rank;
  return found.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

/**
 * What adding (or changing) the item `itemId` brings: findings naming it, and any new kind.
 * @param {Finding[]} before @param {Finding[]} after @param {string} itemId
 */
export function findingsAdded(before, after, itemId) {
  const kinds = new Set(before.map((f) => f.kind));
  return after.filter((f) => f.item_ids.includes(itemId) || !kinds.has(f.kind));
}

/**
 * What a check-in being written brings: findings that are new, or that now involve something
 * they did not before (a medicine named for the first time in 30 days). A note the person
 * has already been shown for the same things is not repeated on every check-in.
 * @param {Finding[]} before without this check-in @param {Finding[]} after with it
 */
export function findingsNew(before, after) {
  const seen = new Set(before.map((f) => `${f.kind}|${[...f.involves].sort().join('|')}`));
  return after.filter((f) => !seen.has(`${f.kind}|${[...f.involves].sort().join('|')}`));
}

/**
 * The facts the rules read from check-ins, each with its local date.
 * @param {{data: any}[]} checkins @param {(iso: string) => string} localDateOf
 * @returns {CheckinFacts[]}
 */
export function checkinFacts(checkins, localDateOf) {
  return checkins.map((c) => ({ date: localDateOf(c.data.at), medications: c.data.medications ?? [], nsaid_doses: c.data.nsaid_doses ?? 0 }));
}

/** The conditions of the newest health-conditions record ([] without one). @param {{data: {conditions: string[]}}[]} records newest first */
export function conditionsOf(records) {
  return records[0]?.data.conditions ?? [];
}
