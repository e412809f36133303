// @ts-check
/** Check-in fields, validation mirroring the server's ranges, form sections and presets. */
import { BODY_REGIONS, PAIN_QUALITIES, RED_FLAGS, ACTIVITIES } from './vocabulary.js';

/**
 * @typedef {object} CheckIn  a check-in's fields (all optional but `at`; server/checkins/schemas.py)
 * @property {string} at
 * @property {number} [pain]
 * @property {boolean} [flare]
 * @property {string[]} [locations]
 * @property {string[]} [red_flags]
 * @property {{name: string, dose_mg?: number}[]} [medications]
 * @property {Record<string, number>} [custom]
 * @property {string} [notes]
 */

/**
 * @typedef {{kind: 'int'|'number'|'bool'|'list'|'text'|'meds'|'custom', min?: number, max?: number, allowed?: string[],
 *            nameMax?: number, doseMax?: number, valueMax?: number}} FieldSpec
 * max is a number's, a text's length or a list's count; nameMax/doseMax a medication's name length and
 * mg; valueMax a tracker's largest size either side of 0. tests/unit/test_checkin_field_parity.py holds
 * every figure to the server's schema.
 */

const scale = /** @type {FieldSpec} */ ({ kind: 'int', min: 0, max: 10 });
const ints = (/** @type {number} */ max) => /** @type {FieldSpec} */ ({ kind: 'int', min: 0, max });
const list = (/** @type {string[]} */ allowed, max = 20) => /** @type {FieldSpec} */ ({ kind: 'list', allowed, max });

/** Custom tracker keys, as the server accepts them (server/checkins/schemas.py CUSTOM_KEY). */
export const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The server's ranges (server/checkins/schemas.py), so a bad value is caught before it queues. */
/** @type {Record<string, FieldSpec>} */
export const FIELDS = {
  pain: scale,
  flare: { kind: 'bool' },
  locations: list(BODY_REGIONS, 60),
  qualities: list(PAIN_QUALITIES),
  sleep_hours: { kind: 'number', min: 0, max: 24 },
  sleep_quality: scale,
  night_wakings: ints(50),
  stress: scale,
  mood: scale,
  energy: scale,
  activity_minutes: ints(1440),
  activity_effort: scale,
  activities: list(ACTIVITIES),
  rest_breaks: ints(100),
  nsaid_doses: ints(50),
  medications: { kind: 'meds', max: 50, nameMax: 120, doseMax: 100000 },
  meal_regularity: scale,
  late_meal: { kind: 'bool' },
  alcohol_units: { kind: 'number', min: 0, max: 100 },
  breathing_minutes: ints(1440),
  mindfulness_minutes: ints(1440),
  red_flags: list(RED_FLAGS.map((f) => f.key)),
  custom: { kind: 'custom', max: 30, valueMax: 1e9 },
  notes: { kind: 'text', max: 2000 },
};

/**
 * Problems with one value, as messages (empty when valid).
 * @param {FieldSpec} spec
 * @param {unknown} v
 * @returns {string[]}
 */
function fieldErrors(spec, v) {
  switch (spec.kind) {
    case 'int':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return ['Must be a number.'];
      if (spec.kind === 'int' && !Number.isInteger(v)) return ['Must be a whole number.'];
      if (spec.min !== undefined && v < spec.min) return [`Must be at least ${spec.min}.`];
      if (spec.max !== undefined && v > spec.max) return [`Must be at most ${spec.max}.`];
      return [];
    }
    case 'bool': return typeof v === 'boolean' ? [] : ['Must be yes or no.'];
    case 'text':
      if (typeof v !== 'string') return ['Must be text.'];
      return spec.max !== undefined && v.length > spec.max ? [`At most ${spec.max} characters.`] : [];
    case 'list':
      if (!Array.isArray(v)) return ['Must be a list.'];
      if (!v.every((x) => spec.allowed?.includes(x))) return ['Contains an unknown choice.'];
      if (new Set(v).size !== v.length) return ['Values must not repeat.'];
      return spec.max !== undefined && v.length > spec.max ? [`At most ${spec.max} choices.`] : [];
    case 'meds':
      if (!Array.isArray(v)) return ['Must be a list.'];
      if (spec.max !== undefined && v.length > spec.max) return [`At most ${spec.max} medications.`];
      return v.every((m) => isMedication(spec, m)) ? [] : [`Each medication needs a name of at most ${spec.nameMax} characters; a dose must be 0 to ${spec.doseMax} mg.`];
    case 'custom': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return ['Must be a set of trackers.'];
      const entries = Object.entries(v);
      if (spec.max !== undefined && entries.length > spec.max) return [`At most ${spec.max} trackers.`];
      return entries.every(([k, x]) => CUSTOM_KEY.test(k) && Number.isFinite(x) && Math.abs(x) <= (spec.valueMax ?? Infinity))
        ? [] : ['Each tracker needs a name (lower-case letters, digits, _) and a number.'];
    }
  }
  return [];
}

/**
 * A tracker's key from what the person typed: "Jaw tension" -> "jaw_tension" ('' if nothing usable).
 * @param {string} name
 */
export function trackerKey(name) {
  const key = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^[_0-9]+|_+$/g, '').slice(0, 40);
  return CUSTOM_KEY.test(key) ? key : '';
}

/** @param {FieldSpec} spec @param {any} m */
function isMedication(spec, m) {
  if (!m || typeof m !== 'object' || typeof m.name !== 'string') return false;
  const name = m.name.trim();
  const dose = m.dose_mg;
  return name.length > 0 && name.length <= (spec.nameMax ?? Infinity) &&
    (dose === undefined || dose === null || (Number.isFinite(dose) && dose >= 0 && dose <= (spec.doseMax ?? Infinity)));
}

/**
 * Validate a check-in's data like the server does: `{field: [message]}`, empty when valid.
 * Unknown fields are errors, as the server rejects them with 422.
 * @param {Record<string, unknown>} data
 * @returns {Record<string, string[]>}
 */
export function validateCheckin(data) {
  /** @type {Record<string, string[]>} */
  const errors = {};
  if (typeof data.at !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(data.at)) {
    errors.at = ['Needs a date and time with a UTC offset.'];
  }
  for (const [field, value] of Object.entries(data)) {
    if (field === 'at' || value === undefined || value === null) continue; // null clears a field
    const spec = FIELDS[field];
    const found = spec ? fieldErrors(spec, value) : ['Unknown field.'];
    if (found.length) errors[field] = found;
  }
  return errors;
}

/**
 * The data to store for an edit: the new values, plus null for every field the person emptied,
 * so the server clears it too (a missing field would leave the old value in place).
 * @param {Record<string, unknown>} before
 * @param {Record<string, unknown>} after  compacted
 */
export function withClearedFields(before, after) {
  const cleared = Object.keys(before).filter((k) => k in FIELDS && !(k in after));
  return { ...after, ...Object.fromEntries(cleared.map((k) => [k, null])) };
}

/**
 * A check-in without empty values (unset numbers, empty lists and notes), ready to save.
 * @param {Record<string, unknown>} data
 */
export function compact(data) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (k === 'custom' && typeof v === 'object' && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

/** Form sections below the quick check-in, with the fields each one edits. */
export const SECTIONS = [
  { key: 'where', title: 'Where it hurts', fields: ['locations'] },
  { key: 'qualities', title: 'What it feels like', fields: ['qualities'] },
  { key: 'sleep', title: "Last night's sleep", fields: ['sleep_hours', 'sleep_quality', 'night_wakings'] },
  { key: 'mind', title: 'Stress, mood, energy', fields: ['stress', 'mood', 'energy'] },
  { key: 'activity', title: 'Activity and rest', fields: ['activity_minutes', 'activity_effort', 'activities', 'rest_breaks'] },
  { key: 'meds', title: 'Medications', fields: ['nsaid_doses', 'medications'] },
  { key: 'food', title: 'Meals and alcohol', fields: ['meal_regularity', 'late_meal', 'alcohol_units'] },
  { key: 'practice', title: 'Breathing and mindfulness', fields: ['breathing_minutes', 'mindfulness_minutes'] },
  { key: 'custom', title: 'My trackers', fields: ['custom'] },
  { key: 'red_flags', title: 'Warning signs', fields: ['red_flags'] },
  { key: 'notes', title: 'Notes', fields: ['notes'] },
];

/** Which sections come first (and open) for each preset. */
export const PRESETS = {
  morning: ['sleep', 'where', 'mind'],
  evening: ['activity', 'meds', 'food', 'practice'],
};

/** Sections a person cannot hide: the warning signs must always be one tap away. */
export const ALWAYS_SHOWN = ['red_flags'];

/**
 * The person's chosen sections in their order (unknown keys dropped, the always-shown ones
 * kept), or every section in the usual order when they have not chosen.
 * @param {string[] | null | undefined} chosen
 */
export function shownSections(chosen) {
  if (!Array.isArray(chosen)) return SECTIONS.map((s) => s.key);
  const known = chosen.filter((k, i) => SECTIONS.some((s) => s.key === k) && chosen.indexOf(k) === i);
  return [...known, ...ALWAYS_SHOWN.filter((k) => !known.includes(k))];
}

/**
 * Sections in display order: the person's own layout when they chose one (presets then only
 * decide which start open); otherwise the preset's sections first, then the rest as listed.
 * `extra` adds hidden sections that must show anyway (an edited check-in's filled ones).
 * @param {'morning'|'evening'} preset
 * @param {string[] | null} [chosen]
 * @param {string[]} [extra]
 */
export function orderedSections(preset, chosen = null, extra = []) {
  const byKey = (/** @type {string} */ k) => SECTIONS.find((s) => s.key === k);
  let keys;
  if (Array.isArray(chosen)) {
    keys = shownSections(chosen);
    keys = [...keys, ...SECTIONS.map((s) => s.key).filter((k) => extra.includes(k) && !keys.includes(k))];
  } else {
    const first = PRESETS[preset];
    keys = [...first, ...SECTIONS.map((s) => s.key).filter((k) => !first.includes(k))];
  }
  return keys.map(byKey).filter((s) => s !== undefined);
}

/**
 * Sections of a check-in that hold a value, so an edit shows them even when hidden.
 * @param {Record<string, unknown>} data
 */
export function filledSections(data) {
  return SECTIONS.filter((s) => s.fields.some((f) => data[f] !== undefined && data[f] !== null)).map((s) => s.key);
}

/**
 * Check-ins sorted by their instant `at`, newest first (offsets differ, so not by string).
 * @template {{data: Record<string, unknown>}} T
 * @param {T[]} records
 * @returns {T[]}
 */
export function newestFirst(records) {
  const ms = (/** @type {T} */ r) => Date.parse(String(r.data.at)) || 0;
  return [...records].sort((a, b) => ms(b) - ms(a));
}

/**
 * Where the next batch of History ends: whole days (the day the check-in was written on, as
 * "Same as yesterday" counts them), newest first from `start`, until the batch holds `days`
 * days with check-ins, or one more day would take it past `most` entries. A day is never split
 * (a single busier day comes whole), so each batch adds something while any are left.
 * Our own choice: two weeks of days with check-ins, not of the calendar, so a gap never
 * leaves a batch empty.
 * @param {{data: Record<string, unknown>}[]} sorted  newest first
 * @param {number} start  the index the batch starts at
 * @returns {number} the index after its last entry
 */
export function batchEnd(sorted, start, days = 14, most = 60) {
  const dayOf = (/** @type {number} */ i) => String(sorted[i].data.at).slice(0, 10);
  let end = start;
  for (let taken = 0; end < sorted.length && taken < days; taken++) {
    let next = end + 1;
    while (next < sorted.length && dayOf(next) === dayOf(end)) next++;
    if (taken > 0 && next - start > most) break;
    end = next;
  }
  return end;
}

/** Fields never copied by "Same as yesterday": they describe one moment, not a routine. */
const NOT_COPIED = new Set(['at', 'pain', 'flare', 'notes', 'red_flags']);

/**
 * The day before a local date ("2026-03-01" -> "2026-02-28").
 * @param {string} day
 */
export function dayBefore(day) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * What "Same as yesterday" fills in: the routine fields of yesterday's check-ins (the local
 * day before `today`; later ones win where a field was given twice), minus the ones that
 * describe one moment, and only fields of the sections in `fields`. A check-in from earlier
 * today is not yesterday. `null` when yesterday has no check-in.
 * @param {{data: Record<string, unknown>}[]} records  check-ins, any order
 * @param {string} today  the person's local date, YYYY-MM-DD
 * @param {string[]} [fields]  the fields that may be filled (default: all)
 * @returns {{values: Record<string, unknown>, from: string} | null}
 */
export function sameAsYesterday(records, today, fields) {
  const yesterday = dayBefore(today);
  const those = newestFirst(records).filter((r) => String(r.data.at).slice(0, 10) === yesterday).reverse();
  if (!those.length) return null;
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const r of those) {
    for (const [k, v] of Object.entries(r.data)) {
      if (!NOT_COPIED.has(k) && (!fields || fields.includes(k)) && v !== null && v !== undefined) values[k] = v;
    }
  }
  return { values, from: String(those[those.length - 1].data.at) };
}

/**
 * Tracker names used before, most recent first, so the form offers them again.
 * @param {{data: Record<string, unknown>}[]} records
 */
export function knownTrackers(records) {
  const seen = new Set();
  for (const r of newestFirst(records)) for (const k of Object.keys(/** @type {object} */ (r.data.custom ?? {}))) seen.add(k);
  return [...seen];
}

/**
 * Today's newest check-in, or null: the form says it is saved, and when, so a person back on
 * the form (the fields start empty again) does not wonder whether it went through or save twice.
 * @param {{data: Record<string, unknown>}[]} records  live check-ins
 * @param {string} today  the local date, "2026-11-21"
 * @returns {{at: string, pain: number | null} | null}
 */
export function lastToday(records, today) {
  const r = newestFirst(records).find((x) => String(x.data.at).slice(0, 10) === today);
  return r ? { at: String(r.data.at), pain: typeof r.data.pain === 'number' ? r.data.pain : null } : null;
}
