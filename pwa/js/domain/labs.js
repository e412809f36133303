// @ts-check
/**
 * Lab results: the catalogue, unit conversion and band positions, from rules/labs.json (the
 * server reads the same file; tests/vectors/labs.json holds the cases both run). Pure.
 */
import table from './rules/labs.json' with { type: 'json' };

/**
 * @typedef {{low: number|null, high: number|null, unit: string, high_exclusive?: boolean,
 *            label?: string, source?: string}} Band
 * @typedef {{key: string, name: string, unit: string|null, units: string[],
 *            factors: Record<string, [number, number]>, loinc: string|null,
 *            loinc_checked: boolean, optimal: Band|null, note: string, panel: boolean, markers: string[]}} LabTest
 * @typedef {{test: string, name?: string, value: number, unit: string, date: string,
 *            ref_low?: number|null, ref_high?: number|null}} LabResult  data of a lab_result record
 */

/** The functional-medicine target's label, source and caution, shown wherever a target is. */
export const OPTIMAL = table.optimal;

/** @param {any} t @returns {LabTest} */
const asTest = (t) => ({
  key: t.key, name: t.name, unit: t.unit, units: Object.keys(t.units), factors: t.units,
  loinc: t.loinc, loinc_checked: t.loinc_checked, note: t.note, panel: !!t.panel, markers: t.markers ?? [],
  optimal: t.optimal && { ...t.optimal, label: OPTIMAL.label, source: OPTIMAL.source },
});

/** Every test, then "custom" (any test, named by the person, never converted). @type {LabTest[]} */
export const CATALOGUE = [...table.tests.map(asTest), {
  key: 'custom', name: 'Custom test', unit: null, units: [], factors: {}, loinc: null, loinc_checked: false,
  optimal: null, note: 'Any test; units are not converted.', panel: false, markers: [],
}];

/** @param {string} key @returns {LabTest|undefined} */
export const labTest = (key) => CATALOGUE.find((t) => t.key === key);

/**
 * Convert `value` of test `key` from one of its units to another.
 * Returns null when no standard factor links them (custom tests, unknown units).
 * @param {string} key @param {number} value @param {string} from @param {string} to
 * @returns {number|null}
 */
export function convert(key, value, from, to) {
  if (from === to) return value;
  const f = labTest(key)?.factors;
  if (!f || !f[from] || !f[to]) return null;
  const [f1, o1] = f[from];
  const [f2, o2] = f[to];
  return ((value * f1 + o1) - o2) / f2;
}

/**
 * Where a value sits in a band (same unit): "below", "within" or "above".
 * @param {Band} band @param {number} value
 */
export function position(band, value) {
  if (band.low !== null && band.low !== undefined && value < band.low) return 'below';
  if (band.high !== null && band.high !== undefined && (value > band.high || (band.high_exclusive && value >= band.high))) return 'above';
  return 'within';
}

/**
 * A result placed in the lab's own reference range (in the result's unit) and in the
 * optimal band (converted to the band's unit where a factor exists).
 * @param {LabResult} r
 * @returns {{reference: string|null, optimal: string|null, optimalBand: Band|null, inOptimalUnit: number|null}}
 */
export function assess(r) {
  const hasRef = isNum(r.ref_low) || isNum(r.ref_high);
  const reference = hasRef ? position({ low: r.ref_low ?? null, high: r.ref_high ?? null, unit: r.unit }, r.value) : null;
  const band = labTest(r.test)?.optimal ?? null;
  const v = band ? convert(r.test, r.value, r.unit, band.unit) : null;
  return { reference, optimal: band && v !== null ? position(band, v) : null, optimalBand: band, inOptimalUnit: v };
}

/** @param {Band} b @returns {string} e.g. "50–70 ng/mL", "below 1 mg/L" */
export function bandText(b) {
  const n = (x) => String(+x.toFixed(2));
  if (b.low !== null && b.high !== null) return `${n(b.low)}–${n(b.high)} ${b.unit}`;
  if (b.high !== null) return `${b.high_exclusive ? 'below' : 'up to'} ${n(b.high)} ${b.unit}`;
  if (b.low !== null) return `at least ${n(b.low)} ${b.unit}`;
  return '';
}

/** @param {unknown} x @returns {x is number} */
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

/**
 * Results of one test as a date-ordered series in one unit (the first result's unless given);
 * results that cannot be converted are left out.
 * @param {LabResult[]} results @param {string} key @param {string} [unit]
 */
export function series(results, key, unit) {
  const own = results.filter((r) => r.test === key).sort((a, b) => a.date.localeCompare(b.date));
  const u = unit ?? labTest(key)?.unit ?? own[0]?.unit;
  return own.map((r) => ({ date: r.date, value: convert(key, r.value, r.unit, u) })).filter((p) => p.value !== null).map((p) => ({ ...p, unit: u }));
}
