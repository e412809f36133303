import test from 'node:test';
import assert from 'node:assert/strict';
import { defaultRule, validateRule, normalizeRule, describeRule, describeDays } from '../../pwa/js/domain/reminder-rules.js';

test('defaults are valid for every kind', () => {
  for (const kind of ['breathing', 'bedtime', 'checkin', 'protocol']) {
    assert.deepEqual(validateRule(defaultRule(kind)), {}, kind);
  }
});

test('validation reports fields in the server shape', () => {
  assert.deepEqual(validateRule({ kind: 'checkin', times: ['25:00'], enabled: true }), { times: ['Times look like 08:30.'] });
  assert.ok(validateRule({ kind: 'bedtime', bedtime: '', enabled: true }).bedtime);
  assert.ok(validateRule({ kind: 'breathing', times: [], enabled: true }).times);
  assert.ok(validateRule({ kind: 'checkin', times: ['08:00'], weekdays: [0], enabled: true }).weekdays);
});

test('normalize sorts, dedupes and drops other kinds\' fields', () => {
  const r = normalizeRule({ kind: 'breathing', times: ['19:00', '08:00', '08:00'], weekdays: [3, 1, 1], bedtime: '22:00', enabled: true });
  assert.deepEqual(r.times, ['08:00', '19:00']);
  assert.deepEqual(r.weekdays, [1, 3]);
  assert.equal(r.bedtime, undefined);
  assert.deepEqual(normalizeRule({ kind: 'checkin', times: ['08:00'], weekdays: [1, 2, 3, 4, 5, 6, 7], enabled: true }).weekdays, []);
});

test('summaries read plainly', () => {
  assert.equal(describeDays([1, 2, 3, 4, 5]), 'weekdays');
  assert.equal(describeDays([]), 'every day');
  assert.equal(describeDays([2, 4]), 'Tue Thu');
  assert.equal(describeRule({ kind: 'bedtime', bedtime: '22:30', minutes_before: 30, weekdays: [6, 7], enabled: false }), '30 min before 22:30 · weekends · off');
});
