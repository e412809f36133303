// @ts-check
/**
 * Helpers for the shared rule tables in ./rules/*.json (the server reads the same files:
 * server/rules.py). Pure.
 */

/**
 * A figure as a person reads it: rounded to one decimal (halves up), no trailing ".0".
 * @param {number} x
 */
export function numberText(x) {
  return String(Math.floor(x * 10 + 0.5) / 10);
}

/**
 * `text` with each {name} replaced by its value (numbers through numberText).
 * @param {string} text @param {Record<string, string|number>} values
 */
export function fill(text, values) {
  let out = text;
  for (const [name, value] of Object.entries(values)) {
    out = out.split(`{${name}}`).join(typeof value === 'number' ? numberText(value) : String(value));
  }
  return out;
}
