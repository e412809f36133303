import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phaseAt, patternProblems, sessionSeconds, sessionCycles, minutesToLog, DEFAULT_PATTERN } from '../../pwa/js/domain/pacer.js';

const P = DEFAULT_PATTERN;

test('default is 4 s in and 7 s out', () => {
  assert.deepEqual({ ...P }, { inhale: 4, exhale: 7 });
  assert.deepEqual(patternProblems(P), []);
});

test('limits: 3–6 in, 4–10 out, out longer than in (never equal)', () => {
  assert.equal(patternProblems({ inhale: 2, exhale: 7 }).length, 1);
  assert.equal(patternProblems({ inhale: 4, exhale: 11 }).length, 1);
  assert.equal(patternProblems({ inhale: 6, exhale: 4 }).length, 1);
  assert.match(patternProblems({ inhale: 5, exhale: 5 }).join(' '), /longer than the in-breath/);
  assert.deepEqual(patternProblems({ inhale: 5, exhale: 6 }), []);
  assert.deepEqual(patternProblems({ inhale: 6, exhale: 10 }), []);
});

test('phase at t walks in then out and repeats', () => {
  const total = sessionSeconds(P, 5);
  assert.equal(phaseAt(P, 0, total).phase, 'in');
  assert.equal(phaseAt(P, 3.9, total).count, 4);
  const out = phaseAt(P, 4, total);
  assert.equal(out.phase, 'out'); assert.equal(out.count, 1); assert.equal(out.remaining, 7);
  assert.equal(phaseAt(P, 10.99, total).phase, 'out');
  const second = phaseAt(P, 11.5, total);
  assert.equal(second.phase, 'in'); assert.equal(second.cycle, 1);
  assert.ok(Math.abs(phaseAt(P, 2, total).progress - 0.5) < 1e-9);
});

test('session is whole breaths and ends with done', () => {
  assert.equal(sessionCycles(P, 1), 5); // 60 / 11 ≈ 5.45 → 5 breaths
  assert.equal(sessionSeconds(P, 1), 55);
  assert.equal(phaseAt(P, 55, 55).phase, 'done');
  assert.equal(sessionCycles({ inhale: 6, exhale: 10 }, 0.1), 1);
});

test('minutes logged are rounded, nothing under 30 s', () => {
  assert.equal(minutesToLog(29), 0);
  assert.equal(minutesToLog(55), 1);
  assert.equal(minutesToLog(30), 1);
  assert.equal(minutesToLog(330), 6);
});
