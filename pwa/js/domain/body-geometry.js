// @ts-check
/**
 * The body map drawn for Emberwise: front and back outlines built from simple shapes, one
 * (or more) per vocabulary region, in a 200×420 box. Front is seen facing the person, so their
 * right side is on the viewer's left; back is seen from behind, so their left is on the left.
 */

/** @typedef {{region: string, d: string}} Shape */

/** Rounded rectangle as a path. */
const rect = (/** @type {number} */ x, /** @type {number} */ y, /** @type {number} */ w, /** @type {number} */ h, r = 8) =>
  `M${x + r} ${y}H${x + w - r}A${r} ${r} 0 0 1 ${x + w} ${y + r}V${y + h - r}A${r} ${r} 0 0 1 ${x + w - r} ${y + h}` +
  `H${x + r}A${r} ${r} 0 0 1 ${x} ${y + h - r}V${y + r}A${r} ${r} 0 0 1 ${x + r} ${y}Z`;

/** Ellipse as a path (two arcs). */
const ellipse = (/** @type {number} */ cx, /** @type {number} */ cy, /** @type {number} */ rx, /** @type {number} */ ry) =>
  `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;

/**
 * Limb shapes for one side, placed on the viewer's left (`onLeft`) or right.
 * @param {'left'|'right'} side  the person's side
 * @param {boolean} onLeft
 * @param {boolean} back
 * @returns {Shape[]}
 */
function limbs(side, onLeft, back) {
  const x = (/** @type {number} */ leftX, /** @type {number} */ w) => (onLeft ? leftX : 200 - leftX - w);
  const cx = (/** @type {number} */ leftCx) => (onLeft ? leftCx : 200 - leftCx);
  const s = (/** @type {string} */ name) => `${side}_${name}`;
  return [
    { region: s('shoulder'), d: ellipse(cx(62), 88, 16, 12) },
    { region: s('upper_arm'), d: rect(x(42, 18), 100, 18, 48) },
    { region: s('elbow'), d: ellipse(cx(51), 157, 10, 9) },
    { region: s('forearm'), d: rect(x(40, 18), 167, 18, 47) },
    { region: s('hand'), d: ellipse(cx(49), 229, 11, 14) },
    back
      ? { region: s('buttock'), d: rect(x(70, 29), 184, 29, 34, 10) }
      : { region: s('hip'), d: rect(x(68, 24), 180, 24, 34, 9) },
    back
      ? { region: s('hamstring'), d: rect(x(72, 26), 222, 26, 64, 10) }
      : { region: s('thigh'), d: rect(x(72, 26), 218, 26, 68, 10) },
    { region: s('knee'), d: ellipse(cx(85), 298, 13, 11) },
    back
      ? { region: s('calf'), d: rect(x(74, 22), 312, 22, 64, 9) }
      : { region: s('lower_leg'), d: rect(x(74, 22), 312, 22, 64, 9) },
    { region: s('foot'), d: ellipse(cx(84), 392, 14, 10) },
  ];
}

/** @type {Shape[]} */
const FRONT = [
  { region: 'head', d: ellipse(100, 30, 22, 22) },
  { region: 'jaw', d: rect(86, 50, 28, 12, 6) },
  { region: 'neck', d: rect(90, 63, 20, 13, 4) },
  { region: 'chest', d: rect(72, 78, 56, 50, 10) },
  { region: 'abdomen', d: rect(74, 130, 52, 46, 8) },
  { region: 'pelvis', d: rect(93, 180, 14, 32, 6) },
  ...limbs('right', true, false),
  ...limbs('left', false, false),
];

/** @type {Shape[]} */
const BACK = [
  { region: 'head', d: ellipse(100, 34, 22, 26) },
  { region: 'neck', d: rect(90, 63, 20, 13, 4) },
  { region: 'upper_back', d: rect(72, 78, 56, 38, 10) },
  { region: 'mid_back', d: rect(72, 118, 56, 30, 6) },
  { region: 'lower_back', d: rect(74, 150, 52, 30, 8) },
  ...limbs('left', true, true),
  ...limbs('right', false, true),
];

export const VIEWBOX = '0 0 200 420';

/** Shapes per view. Every vocabulary region appears in at least one view (a test checks). */
export const VIEWS = { front: FRONT, back: BACK };

/** Which way the person's sides appear in each view, for the labels drawn beside the figure. */
export const SIDE_LABELS = {
  front: { viewerLeft: 'Right', viewerRight: 'Left' },
  back: { viewerLeft: 'Left', viewerRight: 'Right' },
};
