// @ts-check
/**
 * The shared vocabulary: one JSON file that the server also loads (server/vocabulary.py),
 * so app and API always agree on region, quality, red-flag and activity keys.
 */
import v from './vocabulary.json' with { type: 'json' };

/** @typedef {{key: string, label: string}} Term */
/** @typedef {{key: string, label: string, side: 'front'|'back'}} Region */
/**
 * A warning sign and what to do about it: "emergency" (call the emergency number now),
 * "urgent" (medical help today) or "soon" (see a doctor within days).
 * @typedef {{key: string, label: string, action: 'emergency'|'urgent'|'soon', why: string, source: string}} RedFlag
 */

/** @type {Region[]} */
export const REGIONS = /** @type {any} */ (v.body_regions); // JSON types `side` as any string
/** @type {RedFlag[]} */
export const RED_FLAGS = /** @type {any} */ (v.red_flags);
/** @type {Record<'emergency'|'urgent'|'soon', {label: string, advice: string}>} */
export const RED_FLAG_ACTIONS = v.red_flag_actions;

const keysOf = (/** @type {Term[]} */ terms) => terms.map((t) => t.key);
export const BODY_REGIONS = keysOf(v.body_regions);
export const PAIN_QUALITIES = keysOf(v.pain_qualities);
export const ACTIVITIES = keysOf(v.activities);

/** @type {Map<string, string>} */
const LABELS = new Map([v.body_regions, v.pain_qualities, v.red_flags, v.activities].flat().map((t) => [t.key, t.label]));

/**
 * The display label of any vocabulary key; other keys (custom trackers) read as words.
 * @param {string} key
 */
export function labelOf(key) {
  const known = LABELS.get(key);
  if (known) return known;
  const words = key.split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export default v;
