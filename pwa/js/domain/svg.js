// @ts-check
/** Tiny helpers to build SVG markup as strings; pure, no DOM. */

/**
 * Escapes text for XML content and attribute values.
 * @param {unknown} text
 */
export function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Rounds a coordinate to 0.1 px so the markup stays short and stable in tests.
 * @param {number} v
 */
export function r(v) {
  return Math.round(v * 10) / 10;
}

/**
 * One element with attributes (null/undefined/false ones dropped) and raw inner markup.
 * @param {string} name
 * @param {Record<string, unknown>} attrs
 * @param {string} [inner]
 */
export function el(name, attrs, inner) {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => ` ${k}="${esc(typeof v === 'number' ? r(v) : v)}"`)
    .join('');
  return inner === undefined ? `<${name}${list}/>` : `<${name}${list}>${inner}</${name}>`;
}

/**
 * A complete accessible <svg> document: role="img" with a <title>, scaled by viewBox.
 * @param {number} width
 * @param {number} height
 * @param {string} title  read by screen readers
 * @param {string} body
 * @param {string} [cls]
 */
export function svgDoc(width, height, title, body, cls = 'chart') {
  return el('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`,
    width: '100%', role: 'img', class: cls, 'aria-label': title,
    preserveAspectRatio: 'xMidYMid meet',
  }, el('title', {}, esc(title)) + body);
}
