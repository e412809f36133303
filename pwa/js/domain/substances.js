// @ts-check
/**
 * Recognising named medicines and supplements in free text, from rules/substances.json:
 * whole-word matching after lower-casing, parting letters and digits written together
 * ("LDN4.5mg" reads "ldn 4 5 mg") and turning every run of other characters into one space
 * (server/protocol/substances.py does the same). Pure.
 */
import table from './rules/substances.json' with { type: 'json' };

/** @typedef {{key: string, name: string, kind: 'medicine'|'supplement', classes: string[], rxnorm: string|null, match: string[]}} Substance */

/** @type {Substance[]} */
export const SUBSTANCES = /** @type {any} */ (table.substances); // JSON types `kind` as any string
/** @type {Record<string, string>} */
export const CLASSES = table.classes;
export const MAGNESIUM_FRACTIONS = /** @type {Record<string, number>} */ (table.magnesium_elemental.fractions);

/**
 * `text` lower-cased, letters and digits parted where they touch, each run of characters
 * other than a-z and 0-9 one space, padded. @param {string|undefined|null} text
 */
export function words(text) {
  const parted = (text ?? '').toLowerCase().replace(/(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/g, ' ');
  return ` ${parted.replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** @type {[string, string[]][]} */
const TERMS = SUBSTANCES.map((s) => [s.key, s.match.map(words)]);
const BY_KEY = new Map(SUBSTANCES.map((s) => [s.key, s]));

/** @param {string} key @returns {Substance} */
export const substance = (key) => /** @type {Substance} */ (BY_KEY.get(key));

/** Keys of every substance named in `name`, in table order. @param {string} name @returns {string[]} */
export function substancesIn(name) {
  const padded = words(name);
  return TERMS.filter(([, terms]) => terms.some((t) => padded.includes(t))).map(([key]) => key);
}

/** Every class of the given substances. @param {Iterable<string>} keys */
export function classesOf(keys) {
  return new Set([...keys].flatMap((k) => substance(k).classes));
}

/** Generic names of the medicines on the list, for suggestions where a medicine is typed. */
export const MEDICINE_NAMES = SUBSTANCES.filter((s) => s.kind === 'medicine').map((s) => s.name);
