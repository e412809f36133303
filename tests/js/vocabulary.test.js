// Shared vocabulary: shape the server relies on, and every body region drawn on the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v, { REGIONS, BODY_REGIONS, PAIN_QUALITIES, RED_FLAGS, ACTIVITIES, labelOf } from '../../pwa/js/domain/vocabulary.js';
import { VIEWS } from '../../pwa/js/domain/body-geometry.js';

test('has exactly the four lists the server loads, each of {key, label}', () => {
  assert.deepEqual(Object.keys(v).sort(), ['activities', 'body_regions', 'pain_qualities', 'red_flags']);
  for (const list of Object.values(v)) for (const t of list) assert.ok(t.key && t.label, JSON.stringify(t));
});

test('every region says which view of the body map it belongs to', () => {
  for (const r of REGIONS) assert.ok(['front', 'back'].includes(r.side), r.key);
});

test('keys are unique snake_case strings', () => {
  for (const list of [BODY_REGIONS, PAIN_QUALITIES, ACTIVITIES, RED_FLAGS.map((f) => f.key)]) {
    assert.equal(new Set(list).size, list.length);
    for (const k of list) assert.match(k, /^[a-z]+(_[a-z]+)*$/);
  }
});

test('red flags are {key, label} and include the DESIGN.md signs', () => {
  for (const f of RED_FLAGS) {
    assert.deepEqual(Object.keys(f).sort(), ['key', 'label']);
    assert.ok(f.label.length > 10);
  }
  for (const k of ['saddle_numbness', 'bladder_bowel_change', 'progressive_weakness', 'fever_with_back_pain', 'sudden_severe_pain']) {
    assert.ok(RED_FLAGS.some((f) => f.key === k), k);
  }
});

test('pain qualities and activities include the agreed terms', () => {
  for (const q of ['burning', 'tingling', 'aching', 'shooting', 'stabbing', 'throbbing', 'cramping', 'stiffness', 'numbness', 'electric']) {
    assert.ok(PAIN_QUALITIES.includes(q), q);
  }
  for (const a of ['walking', 'swimming', 'tai_chi', 'yoga', 'gardening', 'cycling', 'strength', 'stretching', 'housework', 'other']) {
    assert.ok(ACTIVITIES.includes(a), a);
  }
});

test('left and right regions come in pairs', () => {
  for (const r of BODY_REGIONS.filter((x) => x.startsWith('left_'))) {
    assert.ok(BODY_REGIONS.includes(r.replace('left_', 'right_')), r);
  }
});

test('the body map draws every region, and nothing outside the vocabulary', () => {
  const drawn = new Set([...VIEWS.front, ...VIEWS.back].map((s) => s.region));
  assert.deepEqual([...drawn].sort(), [...BODY_REGIONS].sort());
});

test('each region is drawn on the view its vocabulary entry names', () => {
  for (const r of REGIONS) assert.ok(VIEWS[r.side].some((s) => s.region === r.key), `${r.key} on ${r.side}`);
});

test('front view shows the person\'s right on the viewer\'s left; back view the other way', () => {
  const x = (view, region) => Number(VIEWS[view].find((s) => s.region === region).d.match(/^M([\d.]+)/)[1]);
  assert.ok(x('front', 'right_hand') < x('front', 'left_hand'));
  assert.ok(x('back', 'left_hand') < x('back', 'right_hand'));
});

test('labels read as plain words', () => {
  assert.equal(labelOf('left_shoulder'), 'Left shoulder');
  assert.equal(labelOf('tai_chi'), 'Tai chi');
  assert.equal(labelOf('jaw_tension'), 'Jaw tension');
});
