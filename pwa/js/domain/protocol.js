// @ts-check
/**
 * Protocol items: active dates, titrated dose of the day, what is due, and the check-in entry.
 * Templates and the titration rule come from rules/templates.json and rules/titration.json,
 * which the server reads too. Pure.
 */
import templates from './rules/templates.json' with { type: 'json' };
import titration from './rules/titration.json' with { type: 'json' };
import units from './rules/units.json' with { type: 'json' };

/**
 * @typedef {{start: number, step: number, every_days: number, max: number}} Titration
 * @typedef {{name: string, dose?: number|null, unit?: string|null, basis?: 'compound'|'elemental'|null, times?: string[],
 *            start?: string|null, stop?: string|null, prescription?: boolean, prescriber?: string,
 *            titration?: Titration|null, template?: string|null, timing?: string}} ProtocolItem
 * @typedef {{key: string, name: string, substance: string, dose_text: string, dose_low: number|null, dose_high: number|null,
 *            unit: string|null, per_day: string, timing: string, prescription: boolean, basis: 'compound'|'elemental'|null,
 *            basis_note: string, note: string, source: string, evidence: {grade: string, text: string},
 *            titration: Titration|null}} Template
 */

/** @type {Template[]} */
export const TEMPLATES = /** @type {any} */ (templates.templates);
/** @type {Record<string, string>} */
export const GRADES = templates.grades;
/** @type {Record<string, string>} */
export const TEMPLATE_SOURCES = templates.sources;
const BY_KEY = new Map(TEMPLATES.map((t) => [t.key, t]));

/** The template with this key, or undefined. @param {string|null|undefined} key */
export const templateOf = (key) => (key ? BY_KEY.get(key) : undefined);
/** @type {Record<string, number>} milligrams per unit of mass */
export const TO_MG = units.to_mg;

/**
 * Milligrams in one `unit` as the person typed it (trimmed, any case: "MCG", " mg "), or
 * undefined when rules/units.json does not list it as a mass. The server's mg_per_unit twin.
 * @param {string|null|undefined} unit @returns {number|undefined}
 */
export const mgPerUnit = (unit) => TO_MG[(unit ?? '').trim().toLowerCase()];
const DAY_MS = 86_400_000;

/** Whole days from ISO date a to ISO date b. */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * Dose on ISO date `on` of a plan begun on `start`: +step every `every_days` days, never
 * past `max`; null before the start.
 * @param {Titration} plan @param {string} start @param {string} on
 */
export function doseOn(plan, start, on) {
  const days = daysBetween(start, on);
  if (days < 0) return null;
  const dose = plan.start + Math.floor(days / plan.every_days) * plan.step;
  const capped = plan.step > 0 ? Math.min(dose, plan.max) : Math.max(dose, plan.max);
  const scale = 10 ** titration.round_places;
  return Math.round(capped * scale) / scale;
}

/**
 * Why a titration plan cannot be used (empty when it can): the same checks as the server's.
 * @param {{start?: number|null, step?: number|null, every_days?: number|null, max?: number|null}} plan  as typed, blanks null
 * @returns {string[]}
 */
export function planProblems(plan) {
  const out = [];
  const { start, step, every_days: every, max } = plan;
  const lo = titration.every_days_min, hi = titration.every_days_max;
  if (!Number.isInteger(every) || /** @type {number} */ (every) < lo || /** @type {number} */ (every) > hi) out.push(`Change the dose every ${lo} to ${hi} days (a whole number).`);
  if (!(typeof start === 'number' && start > 0) || !(typeof max === 'number' && max > 0)) out.push('Give a start dose and a final dose above zero.');
  else if (!(typeof step === 'number' && step !== 0) || (max - start) * step < 0) out.push('The step must move the dose from the start dose towards the final dose.');
  return out;
}

/** @param {ProtocolItem} item @param {string} on ISO date */
export function isActive(item, on) {
  if (item.start && item.start > on) return false;
  return !(item.stop && item.stop < on);
}

/** One dose of the item on `on`: from its titration plan when it has one. @param {ProtocolItem} item @param {string} on */
export function doseToday(item, on) {
  if (item.titration && item.start) return doseOn(item.titration, item.start, on);
  return item.dose ?? null;
}

/**
 * Items due on `on`, one row per time of day (or one untimed row), sorted by time.
 * @param {{id: string, data: ProtocolItem}[]} records @param {string} on
 */
export function dueOn(records, on) {
  const rows = [];
  for (const r of records) {
    if (!isActive(r.data, on)) continue;
    const times = r.data.times?.length ? r.data.times : [''];
    for (const time of times) rows.push({ id: r.id, item: r.data, time, dose: doseToday(r.data, on) });
  }
  return rows.sort((a, b) => a.time.localeCompare(b.time) || a.item.name.localeCompare(b.item.name));
}

/**
 * The check-in `medications` entry for one dose: dose_mg only for mass units.
 * @param {ProtocolItem} item @param {number|null} dose
 * @returns {{name: string, dose_mg?: number}}
 */
export function medicationEntry(item, dose) {
  const factor = mgPerUnit(item.unit);
  const label = dose !== null && factor === undefined && item.unit ? `${item.name} (${dose} ${item.unit})` : item.name;
  return dose !== null && factor !== undefined
    ? { name: item.name, dose_mg: Math.round(dose * factor * 1000) / 1000 }
    : { name: label };
}

/** Items taken in the evening (bedtime timing or a time from 18:00), for the bedtime checklist. @param {{id: string, data: ProtocolItem}[]} records @param {string} on */
export function eveningItems(records, on) {
  return records.filter((r) => isActive(r.data, on) &&
    (r.data.timing === 'bedtime' || (r.data.times ?? []).some((t) => t >= '18:00')));
}

/**
 * A new item's form values from a template. The dose stays empty: the person (or their
 * clinician) types it, with the source's range shown beside the field. A titration plan
 * is the source's own schedule and stays editable; `basis` is the source's (null where
 * it does not say whether a dose is of the compound or the element).
 * @param {Template} t
 */
export function itemFromTemplate(t) {
  return {
    name: t.name, dose: null, unit: t.unit, basis: t.basis,
    times: t.timing === 'bedtime' ? ['21:30'] : ['08:00'], start: null, stop: null,
    prescription: t.prescription, prescriber: '', titration: t.titration, template: t.key, timing: t.timing,
  };
}

/**
 * Mean daily pain in the `days` days before an item's start and since it (up to `days`),
 * from check-ins. A side with fewer than `minDays` days of pain is reported as null, so
 * the screen says "not enough yet" instead of comparing noise. This is a comparison, not
 * proof the item caused a change.
 * @param {{data: {at: string, pain?: number}}[]} checkins @param {string} start ISO date
 * @param {(iso: string) => string} localDateOf @param {string} today
 */
export function painBeforeAfter(checkins, start, localDateOf, today, days = 28, minDays = 5) {
  /** @type {Record<string, number[]>} */
  const byDay = {};
  for (const c of checkins) {
    if (typeof c.data.pain !== 'number') continue;
    (byDay[localDateOf(c.data.at)] ??= []).push(c.data.pain);
  }
  const side = (lo, hi) => {
    const means = Object.entries(byDay).filter(([d]) => d >= lo && d <= hi)
      .map(([, xs]) => xs.reduce((a, b) => a + b, 0) / xs.length);
    return means.length >= minDays ? { mean: Math.round(means.reduce((a, b) => a + b, 0) / means.length * 10) / 10, days: means.length } : null;
  };
  const shift = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
  const afterEnd = [shift(start, days - 1), today].sort()[0];
  return { before: side(shift(start, -days), shift(start, -1)), after: side(start, afterEnd) };
}
