// Guided practices, STOP-Bang scoring, and the rule that every piece of content names its source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VAGAL, IMAGERY, MIRROR, REFERRALS, stepAt, totalSeconds } from '../../pwa/js/domain/guides.js';
import { stopBang, bmi, QUESTIONS, SOURCE } from '../../pwa/js/domain/stopbang.js';
import { LESSONS } from '../../pwa/js/domain/lessons.js';

test('the seed\'s vagal practices are all there, gargling included, each guided and sourced', () => {
  assert.deepEqual(VAGAL.map((g) => g.key), ['humming', 'gargling', 'cold_water', 'singing']);
  for (const g of [...VAGAL, IMAGERY]) {
    assert.ok(g.steps.length && g.source && g.own, g.key);
    for (const s of g.steps) assert.ok(s.seconds > 0 && s.text, g.key);
  }
  assert.ok(MIRROR.steps.hand.length && MIRROR.steps.foot.length && MIRROR.source);
  assert.match(VAGAL.find((g) => g.key === 'cold_water').caution, /heart/);
});

test('a guided session walks its steps round by round, then ends', () => {
  const steps = [{ text: 'in', seconds: 4 }, { text: 'out', seconds: 8 }];
  assert.deepEqual(stepAt(steps, 2, 0), { done: false, round: 1, index: 0, left: 4 });
  assert.deepEqual(stepAt(steps, 2, 4.5), { done: false, round: 1, index: 1, left: 8 });
  assert.deepEqual(stepAt(steps, 2, 12), { done: false, round: 2, index: 0, left: 4 });
  assert.equal(stepAt(steps, 2, 24).done, true);
  assert.equal(totalSeconds(steps, 2), 24);
});

test('STOP-Bang: score and the published risk bands', () => {
  const none = Object.fromEntries(QUESTIONS.map((q) => [q.key, false]));
  assert.deepEqual(stopBang(none), { score: 0, risk: 'low' });
  assert.deepEqual(stopBang({ ...none, snoring: true, age: true }), { score: 2, risk: 'low' });
  assert.deepEqual(stopBang({ ...none, snoring: true, tired: true, age: true }), { score: 3, risk: 'intermediate' });
  assert.deepEqual(stopBang({ ...none, snoring: true, tired: true, gender: true }), { score: 3, risk: 'high' }); // 2 STOP + male
  assert.deepEqual(stopBang({ ...none, snoring: true, age: true, gender: true, neck: true }), { score: 4, risk: 'intermediate' }); // 1 STOP only
  assert.deepEqual(stopBang({ ...none, snoring: true, tired: true, observed: true, pressure: true, age: true }), { score: 5, risk: 'high' });
  assert.ok(Math.abs(bmi(170, 101.15) - 35) < 0.01);
  assert.equal(bmi(0, 80), null);
  assert.match(SOURCE, /Chung/);
});

test('the therapies to ask about: MBSR, somatic experiencing and EMDR, each with evidence and a source', () => {
  assert.deepEqual(REFERRALS.map((r) => r.key), ['mbsr', 'somatic_experiencing', 'emdr']);
  for (const r of REFERRALS) assert.ok(r.what && r.evidence && r.find && r.source && ['systematic_review', 'rct', 'small_trial', 'expert_opinion'].includes(r.grade), r.key);
});

test('every lesson names its sources, and says where a figure is Emberwise\'s own', () => {
  for (const l of LESSONS) assert.ok(l.sources.length && l.sources.every((s) => s.length > 5), l.key);
  const pacing = LESSONS.find((l) => l.key === 'pacing');
  assert.ok(pacing.sources.some((s) => /own/.test(s)), 'the 80% and 10% figures are Emberwise\'s own choice');
  assert.ok(!pacing.sources.some((s) => /Le, PA-C/.test(s) && /80%/.test(s)));
});
