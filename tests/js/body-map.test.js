// The body map's targets: the whole body's areas and every zoomed region are at least 44 px,
// the areas tile the figure without overlapping, and arrow keys move to the region on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWS, AREAS, areaOf, regionsOf, zoomScale, neighbour } from '../../pwa/js/domain/body-geometry.js';

const VIEW_KEYS = /** @type {const} */ (['front', 'back']);
const MIN = 44;
// The map's width on a 320 CSS px screen and on a 360 px phone (after the page's padding).
const WIDTHS = [268, 288, 328];
const WHOLE_MAX = 280; // the whole figure is drawn at most 280 px wide (app.css)

test('every region belongs to exactly one area, and is fully inside that area\'s zoom', () => {
  for (const view of VIEW_KEYS) {
    const told = AREAS[view].flatMap((a) => regionsOf(view, a.key));
    assert.deepEqual([...told].sort(), VIEWS[view].map((s) => s.region).sort());
    for (const s of VIEWS[view]) {
      const [zx, zy, zw, zh] = /** @type {any} */ (areaOf(view, s.region)).zoom;
      const [x, y, w, h] = s.box;
      assert.ok(x >= zx && y >= zy && x + w <= zx + zw && y + h <= zy + zh, `${view} ${s.region}`);
    }
  }
});

test('the whole body\'s areas do not overlap and are 44 px targets at every width', () => {
  for (const view of VIEW_KEYS) {
    const areas = AREAS[view];
    for (const [i, a] of areas.entries()) {
      for (const b of areas.slice(i + 1)) {
        const apart = a.hit[0] + a.hit[2] <= b.hit[0] || b.hit[0] + b.hit[2] <= a.hit[0]
          || a.hit[1] + a.hit[3] <= b.hit[1] || b.hit[1] + b.hit[3] <= a.hit[1];
        assert.ok(apart, `${view}: ${a.key} overlaps ${b.key}`);
      }
      for (const width of WIDTHS) {
        const scale = Math.min(width, WHOLE_MAX) / 200;
        assert.ok(a.hit[2] * scale >= MIN && a.hit[3] * scale >= MIN, `${view} ${a.key} at ${width}px: ${a.hit[2] * scale}×${a.hit[3] * scale}`);
      }
    }
  }
});

test('zoomed in, every region is at least 44 px both ways (the neck was 28×18, the pelvis 20×45)', () => {
  for (const view of VIEW_KEYS) {
    for (const area of AREAS[view]) {
      for (const width of WIDTHS) {
        const s = zoomScale(area, width, 460);
        assert.ok(area.zoom[2] * s <= width + 0.01 && area.zoom[3] * s <= 460.01);
        for (const region of regionsOf(view, area.key)) {
          const [, , w, h] = /** @type {any} */ (VIEWS[view].find((x) => x.region === region)).box;
          assert.ok(w * s >= MIN && h * s >= MIN, `${view} ${region} at ${width}px: ${(w * s).toFixed(1)}×${(h * s).toFixed(1)}`);
        }
      }
    }
  }
});

test('arrow keys move to the neighbouring region on screen', () => {
  assert.equal(neighbour('front', 'neck', 'ArrowDown'), 'chest');
  assert.equal(neighbour('front', 'chest', 'ArrowUp'), 'neck');
  assert.equal(neighbour('front', 'head', 'ArrowUp'), 'head'); // nothing above: stays
  assert.equal(neighbour('front', 'right_knee', 'ArrowRight'), 'left_knee');
  assert.equal(neighbour('front', 'right_thigh', 'ArrowDown'), 'right_knee');
  assert.equal(neighbour('back', 'upper_back', 'ArrowDown'), 'mid_back');
  assert.equal(neighbour('front', 'chest', 'Home'), VIEWS.front[0].region);
  assert.equal(neighbour('front', 'chest', 'End'), VIEWS.front.at(-1)?.region);
  // Every region can be reached from the first with arrow keys alone.
  for (const view of VIEW_KEYS) {
    const seen = new Set([VIEWS[view][0].region]);
    const queue = [...seen];
    while (queue.length) {
      const r = /** @type {string} */ (queue.shift());
      for (const k of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']) {
        const n = neighbour(view, r, k);
        if (!seen.has(n)) { seen.add(n); queue.push(n); }
      }
    }
    assert.equal(seen.size, VIEWS[view].length, `${view}: unreachable ${VIEWS[view].map((s) => s.region).filter((x) => !seen.has(x))}`);
  }
});
