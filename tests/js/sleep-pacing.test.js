import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minutesAfterNoon, clockFromNoon, bedtimeSpread, minutesLate, hoursInBed } from '../../pwa/js/domain/sleep.js';
import { dailyMinutes } from '../../pwa/js/domain/pacing.js';
// The pacing arithmetic is pinned by tests/vectors/pacing.json (rule-vectors.test.js).

test('bedtimes across midnight order and average correctly', () => {
  assert.equal(minutesAfterNoon('22:00'), 600);
  assert.equal(minutesAfterNoon('00:30'), 750);
  assert.equal(clockFromNoon(750), '00:30');
  assert.equal(minutesLate('00:15', '23:30'), 45);
  assert.equal(Math.round(bedtimeSpread(['23:30', '00:30', '23:30', '00:30'])), 35);
  assert.equal(bedtimeSpread(['23:00', '23:00']), null);
  assert.equal(hoursInBed('23:00', '07:00'), 8);
});

test('daily minutes sum check-ins per local day', () => {
  const recs = [{ data: { at: '2026-06-01T08:00:00+02:00', activity_minutes: 10 } },
    { data: { at: '2026-06-01T18:00:00+02:00', activity_minutes: 15 } }, { data: { at: '2026-05-31T09:00:00+02:00' } }];
  assert.deepEqual(dailyMinutes(recs, (iso) => iso.slice(0, 10)), { '2026-06-01': 25 });
});
