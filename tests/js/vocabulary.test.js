// Shared vocabulary: shape the server relies on, and every body region drawn on the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v, { REGIONS, BODY_REGIONS, PAIN_QUALITIES, RED_FLAGS, RED_FLAG_ACTIONS, ACTIVITIES, labelOf } from '../../pwa/js/domain/vocabulary.js';
import { VIEWS } from '../../pwa/js/domain/body-geometry.js';

test('has exactly the five lists the server loads, each of {key, label}, and the red-flag actions', () => {
  assert.deepEqual(Object.keys(v).sort(), ['activities', 'body_regions', 'load_contributors', 'pain_qualities', 'red_flag_actions', 'red_flags']);
  for (const kind of ['activities', 'body_regions', 'load_contributors', 'pain_qualities', 'red_flags']) for (const t of v[kind]) assert.ok(t.key && t.label, JSON.stringify(t));
  assert.deepEqual(Object.keys(RED_FLAG_ACTIONS).sort(), ['emergency', 'soon', 'urgent']);
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

test('every red flag says what it is, why it matters, what to do and its source', () => {
  for (const f of RED_FLAGS) {
    assert.deepEqual(Object.keys(f).sort(), ['action', 'key', 'label', 'source', 'why']);
    assert.ok(f.label.length > 10 && f.why.length > 20 && f.source.length > 10, f.key);
    assert.ok(f.action in RED_FLAG_ACTIONS, f.key);
  }
});

test('the red flags are complete: urgent signs now, and the signs to see a doctor about soon', () => {
  const action = Object.fromEntries(RED_FLAGS.map((f) => [f.key, f.action]));
  for (const k of ['saddle_numbness', 'bladder_bowel_change', 'progressive_weakness']) assert.equal(action[k], 'emergency', k);
  for (const k of ['fever_with_back_pain', 'sudden_severe_pain', 'pain_after_trauma', 'joint_instability']) assert.equal(action[k], 'urgent', k);
  for (const k of ['cancer_history', 'unexplained_weight_loss', 'night_rest_pain', 'inflammatory_back_pain']) assert.equal(action[k], 'soon', k);
  const ibp = RED_FLAGS.find((f) => f.key === 'inflammatory_back_pain');
  assert.match(ibp.label, /30 minutes/);
  assert.match(ibp.label, /45/);
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
