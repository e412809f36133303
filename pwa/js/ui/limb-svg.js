// @ts-check
/**
 * Hand and foot pictures for left/right judgement, drawn for Emberwise as SVG.
 * The base drawings are the BACK of a LEFT hand (thumb on the right) and the TOP of a
 * LEFT foot (big toe on the right); a right limb, or a palm/sole, is their mirror image
 * (see isMirrored). Backs show nails; palms and soles show creases and pads instead.
 */
import { isMirrored } from '../domain/laterality.js';

const NS = 'http://www.w3.org/2000/svg';

/** @param {string} tag @param {Record<string, string|number>} attrs */
function s(tag, attrs = {}) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const THUMB = 'rotate(38 141.5 152)';
// little, ring, middle, index: [x, top, width]
const FINGERS = [[60, 62, 17], [80, 40, 19], [102, 32, 19], [124, 46, 18]];

function hand(view) {
  const g = s('g');
  g.append(s('rect', { x: 72, y: 160, width: 56, height: 40, rx: 10, class: 'limb-skin' }));
  for (const [x, top, w] of FINGERS) g.append(s('rect', { x, y: top, width: w, height: 120 - top, rx: w / 2, class: 'limb-skin' }));
  // The thumb leaves the palm low on the index side and points up and out.
  g.append(s('rect', { x: 131, y: 88, width: 21, height: 66, rx: 10.5, class: 'limb-skin', transform: THUMB }));
  g.append(s('rect', { x: 58, y: 92, width: 86, height: 80, rx: 22, class: 'limb-skin' }));
  if (view === 'back') {
    for (const [x, top, w] of FINGERS) g.append(s('rect', { x: x + 3.5, y: top + 3, width: w - 7, height: 13, rx: 4, class: 'limb-nail' }));
    g.append(s('rect', { x: 135.5, y: 91, width: 12, height: 14, rx: 4, class: 'limb-nail', transform: THUMB }));
    for (const [x, , w] of FINGERS) g.append(s('path', { d: `M${x + 4} 104 q${w / 2 - 4} 4 ${w - 8} 0`, class: 'limb-line' }));
  } else {
    g.append(s('path', { d: 'M62 118 C 90 112, 118 116, 142 104', class: 'limb-line' }));
    g.append(s('path', { d: 'M64 132 C 92 128, 110 134, 128 126', class: 'limb-line' }));
    g.append(s('path', { d: 'M138 112 C 122 130, 118 150, 122 168', class: 'limb-line' }));
    for (const [x, top, w] of FINGERS) g.append(s('path', { d: `M${x + 3} ${top + 26} h${w - 6}`, class: 'limb-line' }));
  }
  return g;
}

// little … big toe: [cx, cy, rx, ry]
const TOES = [[66, 72, 7, 9], [77, 59, 8, 10], [90, 50, 9, 11], [106, 45, 10, 12], [130, 46, 14, 18]];

function foot(view) {
  const g = s('g');
  g.append(s('path', {
    d: 'M62 78 C 54 110, 62 150, 76 180 C 86 200, 118 200, 126 182 C 132 166, 124 146, 130 128 C 136 110, 148 92, 144 62 C 120 52, 84 56, 62 78 Z',
    class: 'limb-skin',
  }));
  for (const [cx, cy, rx, ry] of TOES) g.append(s('ellipse', { cx, cy, rx, ry, class: 'limb-skin' }));
  if (view === 'back') {
    for (const [cx, cy, rx, ry] of TOES) g.append(s('ellipse', { cx, cy: cy - ry / 3, rx: rx * 0.55, ry: ry * 0.4, class: 'limb-nail' }));
    g.append(s('path', { d: 'M132 72 C 120 100, 110 130, 100 160', class: 'limb-line' }));
    g.append(s('path', { d: 'M104 62 C 100 90, 94 120, 92 150', class: 'limb-line' }));
  } else {
    g.append(s('ellipse', { cx: 101, cy: 176, rx: 20, ry: 16, class: 'limb-pad' }));
    g.append(s('ellipse', { cx: 106, cy: 82, rx: 34, ry: 13, class: 'limb-pad' }));
    g.append(s('path', { d: 'M128 104 C 118 122, 116 140, 120 158', class: 'limb-line' }));
  }
  return g;
}

/**
 * An <svg> picture for one trial: rotated by trial.rotation degrees (clockwise) and
 * mirrored where the trial needs it.
 * @param {import('../domain/laterality.js').Trial} trial
 * @returns {SVGSVGElement}
 */
export function limbPicture(trial) {
  const svg = /** @type {SVGSVGElement} */ (s('svg', { viewBox: '0 0 200 210', class: 'limb', role: 'img', 'aria-label': `${trial.part} picture` }));
  const mirror = isMirrored(trial) ? ' translate(200 0) scale(-1 1)' : '';
  const g = s('g', { transform: `rotate(${trial.rotation} 100 105)${mirror}` });
  g.append(trial.part === 'hand' ? hand(trial.view) : foot(trial.view));
  svg.append(g);
  return svg;
}
