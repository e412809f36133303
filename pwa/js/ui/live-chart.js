// @ts-check
/**
 * A figure whose SVG chart (built by a pure function in js/domain/) is drawn for the width it
 * really has and the person's text size, and drawn again when either changes (rotation,
 * larger text). Labels come out at 80% of the surrounding text, never under 12 px.
 */
import { h } from './dom.js';
import { legend } from './chart.js';
import { MIN_FONT } from '../domain/charts.js';

/**
 * @param {(size: {width: number, font: number}) => string} draw  returns trusted SVG markup
 *   (the domain chart modules escape every text)
 * @param {{caption?: string, legend?: {cls: string, label: string}[], cls?: string}} [o]
 */
export function liveFigure(draw, o = {}) {
  const holder = h('div', { class: 'chart-holder' });
  const fig = h('figure', { class: `chart-box ${o.cls ?? ''}`.trim() }, holder,
    o.legend?.length ? legend(o.legend) : null, o.caption ? h('figcaption', { text: o.caption }) : null);
  let drawn = '';
  const paint = () => {
    const width = Math.floor(holder.clientWidth) || 320;
    const font = Math.max(MIN_FONT, Math.round(0.8 * (parseFloat(getComputedStyle(fig).fontSize) || 16)));
    if (`${width}|${font}` === drawn) return;
    drawn = `${width}|${font}`;
    holder.innerHTML = draw({ width, font });
  };
  paint();
  // The figure's own size follows both its width and (through the caption) the text size.
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(paint).observe(fig);
  return fig;
}
