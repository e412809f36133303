// @ts-check
/**
 * The body map drawn for Emberwise: front and back outlines built from simple shapes, one
 * (or more) per vocabulary region, in a 200×420 box. Front is seen facing the person, so their
 * right side is on the viewer's left; back is seen from behind, so their left is on the left.
 *
 * Small regions (the neck is 20×13) are never tapped at this size: the whole body is split
 * into a few AREAS, each a target of at least 44 px, and tapping one zooms into it, where
 * every region is at least 44 px (tests/js/body-map.test.js checks both at 268–288 px wide).
 */

/** @typedef {[number, number, number, number]} Box  x, y, width, height in map units */
/** @typedef {{region: string, d: string, box: Box}} Shape */
/** @typedef {{key: string, label: string, hit: Box, zoom: Box}} Area */

/** Rounded rectangle as a path, with its box. */
const rect = (/** @type {number} */ x, /** @type {number} */ y, /** @type {number} */ w, /** @type {number} */ h, r = 8) => ({
  d: `M${x + r} ${y}H${x + w - r}A${r} ${r} 0 0 1 ${x + w} ${y + r}V${y + h - r}A${r} ${r} 0 0 1 ${x + w - r} ${y + h}` +
    `H${x + r}A${r} ${r} 0 0 1 ${x} ${y + h - r}V${y + r}A${r} ${r} 0 0 1 ${x + r} ${y}Z`,
  box: /** @type {Box} */ ([x, y, w, h]),
});

/** Ellipse as a path (two arcs), with its box. */
const ellipse = (/** @type {number} */ cx, /** @type {number} */ cy, /** @type {number} */ rx, /** @type {number} */ ry) => ({
  d: `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`,
  box: /** @type {Box} */ ([cx - rx, cy - ry, 2 * rx, 2 * ry]),
});

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
    { region: s('shoulder'), ...ellipse(cx(62), 88, 16, 12) },
    { region: s('upper_arm'), ...rect(x(42, 18), 100, 18, 48) },
    { region: s('elbow'), ...ellipse(cx(51), 157, 10, 9) },
    { region: s('forearm'), ...rect(x(40, 18), 167, 18, 47) },
    { region: s('hand'), ...ellipse(cx(49), 229, 11, 14) },
    back
      ? { region: s('buttock'), ...rect(x(70, 29), 184, 29, 34, 10) }
      : { region: s('hip'), ...rect(x(68, 24), 180, 24, 34, 9) },
    back
      ? { region: s('hamstring'), ...rect(x(72, 26), 222, 26, 64, 10) }
      : { region: s('thigh'), ...rect(x(72, 26), 218, 26, 68, 10) },
    { region: s('knee'), ...ellipse(cx(85), 298, 13, 11) },
    back
      ? { region: s('calf'), ...rect(x(74, 22), 312, 22, 64, 9) }
      : { region: s('lower_leg'), ...rect(x(74, 22), 312, 22, 64, 9) },
    { region: s('foot'), ...ellipse(cx(84), 392, 14, 10) },
  ];
}

/** @type {Shape[]} */
const FRONT = [
  { region: 'head', ...ellipse(100, 30, 22, 22) },
  { region: 'jaw', ...rect(86, 50, 28, 12, 6) },
  { region: 'neck', ...rect(90, 63, 20, 13, 4) },
  { region: 'chest', ...rect(72, 78, 56, 50, 10) },
  { region: 'abdomen', ...rect(74, 130, 52, 46, 8) },
  { region: 'pelvis', ...rect(93, 180, 14, 32, 6) },
  ...limbs('right', true, false),
  ...limbs('left', false, false),
];

/** @type {Shape[]} */
const BACK = [
  { region: 'head', ...ellipse(100, 34, 22, 26) },
  { region: 'neck', ...rect(90, 63, 20, 13, 4) },
  { region: 'upper_back', ...rect(72, 78, 56, 38, 10) },
  { region: 'mid_back', ...rect(72, 118, 56, 30, 6) },
  { region: 'lower_back', ...rect(74, 150, 52, 30, 8) },
  ...limbs('left', true, true),
  ...limbs('right', false, true),
];

export const VIEWBOX = '0 0 200 420';

/** Shapes per view. Every vocabulary region appears in at least one view (a test checks). */
export const VIEWS = { front: FRONT, back: BACK };

/**
 * Areas that tile each view: `hit` is the tap target on the whole body (they never overlap),
 * `zoom` the part of the map shown when zoomed in. A region belongs to the area its centre
 * falls in.
 * @param {boolean} back
 * @returns {Area[]}
 */
function areas(back) {
  const [onLeft, onRight] = back ? ['left', 'right'] : ['right', 'left'];
  const arm = (/** @type {string} */ side) => `${side === 'right' ? 'Right' : 'Left'} arm and hand`;
  const leg = (/** @type {string} */ side) => `${side === 'right' ? 'Right' : 'Left'} leg and foot`;
  return [
    { key: 'head', label: back ? 'Head and neck' : 'Head, jaw and neck', hit: [66, 2, 68, 75], zoom: [72, 4, 56, 74] },
    { key: 'trunk', label: back ? 'Back' : 'Chest and belly', hit: [66, 77, 68, back ? 105 : 101], zoom: [68, 74, 64, back ? 108 : 106] },
    { key: 'hips', label: back ? 'Buttocks' : 'Hips and pelvis', hit: [66, back ? 182 : 178, 68, 38], zoom: [64, back ? 180 : 176, 72, 42] },
    { key: `${onLeft}_arm`, label: arm(onLeft), hit: [28, 74, 38, 176], zoom: [30, 72, 52, 176] },
    { key: `${onRight}_arm`, label: arm(onRight), hit: [134, 74, 38, 176], zoom: [118, 72, 52, 176] },
    { key: `${onLeft}_leg`, label: leg(onLeft), hit: [66, back ? 220 : 216, 34, back ? 186 : 190], zoom: [64, back ? 218 : 214, 40, 192] },
    { key: `${onRight}_leg`, label: leg(onRight), hit: [100, back ? 220 : 216, 34, back ? 186 : 190], zoom: [96, back ? 218 : 214, 40, 192] },
  ];
}

/** Areas per view. */
export const AREAS = { front: areas(false), back: areas(true) };

/** @param {Box} b */
const centre = (b) => [b[0] + b[2] / 2, b[1] + b[3] / 2];

/** @param {Box} b @param {number} x @param {number} y */
const inside = (b, x, y) => x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3];

/**
 * The area a region of a view belongs to (the one its centre falls in).
 * @param {'front'|'back'} view
 * @param {string} region
 * @returns {Area | undefined}
 */
export function areaOf(view, region) {
  const shape = VIEWS[view].find((s) => s.region === region);
  if (!shape) return undefined;
  const [x, y] = centre(shape.box);
  return AREAS[view].find((a) => inside(a.hit, x, y));
}

/**
 * The regions of an area, top to bottom.
 * @param {'front'|'back'} view
 * @param {string} areaKey
 */
export function regionsOf(view, areaKey) {
  return VIEWS[view].filter((s) => areaOf(view, s.region)?.key === areaKey).map((s) => s.region);
}

/**
 * Pixels per map unit when an area is zoomed into `width` px, at most `maxHeight` px tall.
 * @param {Area} area
 * @param {number} width
 * @param {number} [maxHeight]
 */
export function zoomScale(area, width, maxHeight = 460) {
  return Math.min(width / area.zoom[2], maxHeight / area.zoom[3]);
}

const STEPS = /** @type {Record<string, [number, number]>} */ ({ ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] });

/**
 * The region an arrow key moves to from `region`: the nearest one in that direction on
 * screen (straight ahead counts more than sideways); Home and End go to the first and last.
 * The same region when there is none further that way.
 * @param {'front'|'back'} view
 * @param {string} region
 * @param {string} key  a KeyboardEvent key
 */
export function neighbour(view, region, key) {
  const shapes = VIEWS[view];
  if (key === 'Home') return shapes[0].region;
  if (key === 'End') return shapes[shapes.length - 1].region;
  const step = STEPS[key];
  const from = shapes.find((s) => s.region === region);
  if (!step || !from) return region;
  const [x0, y0] = centre(from.box);
  let best = region;
  let bestScore = Infinity;
  for (const s of shapes) {
    const [x, y] = centre(s.box);
    const along = (x - x0) * step[0] + (y - y0) * step[1];
    const across = Math.abs((x - x0) * step[1] - (y - y0) * step[0]);
    if (along <= 0.5) continue;
    const score = along + 2 * across;
    if (score < bestScore) { bestScore = score; best = s.region; }
  }
  return best;
}

/** Which way the person's sides appear in each view, for the labels drawn beside the figure. */
export const SIDE_LABELS = {
  front: { viewerLeft: 'Right', viewerRight: 'Left' },
  back: { viewerLeft: 'Left', viewerRight: 'Right' },
};
