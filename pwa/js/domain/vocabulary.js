// @ts-check
/**
 * The shared vocabulary: one JSON file that the server also loads (server/vocabulary.py),
 * so app and API always agree on region, quality, red-flag and activity keys.
 */
import v from './vocabulary.json' with { type: 'json' };

/** @typedef {{key: string, label: string}} Term */
/** @typedef {{key: string, label: string, side: 'front'|'back'}} Region */

/** @type {Region[]} */
export const REGIONS = v.body_regions;
/** @type {Term[]} */
export const RED_FLAGS = v.red_flags;

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
