import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTrials, scoreSession, median, isMirrored, againstReference, seededRandom, ROTATIONS } from '../../pwa/js/domain/laterality.js';

test('trials are balanced left/right and use the rotation set', () => {
  const trials = makeTrials({ n: 20, rng: seededRandom(7) });
  assert.equal(trials.length, 20);
  assert.equal(trials.filter((t) => t.side === 'left').length, 10);
  for (const t of trials) {
    assert.ok(ROTATIONS.includes(t.rotation));
    assert.ok(['hand', 'foot'].includes(t.part));
  }
  assert.ok(new Set(trials.map((t) => t.rotation)).size > 3, 'rotations vary');
});

test('the same seed gives the same session; hands only when asked', () => {
  assert.deepEqual(makeTrials({ rng: seededRandom(3) }), makeTrials({ rng: seededRandom(3) }));
  assert.ok(makeTrials({ parts: ['hand'], rng: seededRandom(1) }).every((t) => t.part === 'hand'));
});

test('mirroring: right side or palm view flips the left-back drawing, both cancel', () => {
  assert.equal(isMirrored({ part: 'hand', side: 'left', view: 'back', rotation: 0 }), false);
  assert.equal(isMirrored({ part: 'hand', side: 'right', view: 'back', rotation: 0 }), true);
  assert.equal(isMirrored({ part: 'foot', side: 'left', view: 'palm', rotation: 0 }), true);
  assert.equal(isMirrored({ part: 'foot', side: 'right', view: 'palm', rotation: 0 }), false);
});

test('median of odd, even and empty lists', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});

test('score per session and per side', () => {
  const t = (side, part = 'hand') => ({ part, side, rotation: 0, view: 'back' });
  const rs = [
    { trial: t('left'), answer: 'left', ms: 1200 },
    { trial: t('left'), answer: 'right', ms: 3000 },
    { trial: t('right', 'foot'), answer: 'right', ms: 1500 },
    { trial: t('right'), answer: 'right', ms: 1700 },
  ];
  const s = scoreSession(rs);
  assert.equal(s.accuracy, 0.75);
  assert.equal(s.medianMs, 1600);
  assert.deepEqual(s.bySide.left, { n: 2, correct: 1, accuracy: 0.5, medianMs: 2100 });
  assert.deepEqual(s.bySide.right, { n: 2, correct: 2, accuracy: 1, medianMs: 1600 });
  assert.equal(s.byPart.foot.n, 1);
  assert.deepEqual(againstReference(s), { accuracy: false, speed: true });
  assert.deepEqual(againstReference(s.bySide.right), { accuracy: true, speed: true });
});

test('an empty session meets nothing', () => {
  assert.deepEqual(againstReference(scoreSession([])), { accuracy: false, speed: false });
});
