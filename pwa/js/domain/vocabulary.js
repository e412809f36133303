// @ts-check
/** The shared vocabulary (one JSON file, also read by the server) plus display labels. */
import v from './vocabulary.json' with { type: 'json' };

/** @typedef {{key: string, label: string}} RedFlag */

/** @type {string[]} */
export const BODY_REGIONS = v.body_regions;
/** @type {string[]} */
export const PAIN_QUALITIES = v.pain_qualities;
/** @type {RedFlag[]} */
export const RED_FLAGS = v.red_flags;
/** @type {string[]} */
export const ACTIVITIES = v.activities;

const SPECIAL = { tai_chi: 'Tai chi', mid_back: 'Middle of the back' };

/**
 * Human label for a vocabulary key: "left_shoulder" -> "Left shoulder".
 * @param {string} key
 */
export function labelOf(key) {
  if (key in SPECIAL) return SPECIAL[/** @type {keyof SPECIAL} */ (key)];
  const words = key.split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export default v;
