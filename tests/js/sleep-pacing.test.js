import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minutesAfterNoon, clockFromNoon, bedtimeSpread, minutesLate, hoursInBed } from '../../pwa/js/domain/sleep.js';
import { acuteChronicRatio, proposedBaseline, budgetOn, boomCheck, daysBefore, dailyMinutes, restBreakAfter } from '../../pwa/js/domain/pacing.js';

test('bedtimes across midnight order and average correctly', () => {
  assert.equal(minutesAfterNoon('22:00'), 600);
  assert.equal(minutesAfterNoon('00:30'), 750);
  assert.equal(clockFromNoon(750), '00:30');
  assert.equal(minutesLate('00:15', '23:30'), 45);
  assert.equal(Math.round(bedtimeSpread(['23:30', '00:30', '23:30', '00:30'])), 35);
  assert.equal(bedtimeSpread(['23:00', '23:00']), null);
  assert.equal(hoursInBed('23:00', '07:00'), 8);
});

const TODAY = '2026-06-01';
const days = (values) => Object.fromEntries(values.map((v, i) => [daysBefore(TODAY, values.length - i), v]));

test('pacing matches the server: median-based baseline, weekly growth, boom check', () => {
  assert.equal(proposedBaseline(days([30, 30, 30, 120, 30, 30, 30, 150, 30]), TODAY), 24);
  assert.equal(proposedBaseline(days([30, 40, 50, 60]), TODAY), null);
  assert.equal(budgetOn(20, '2026-05-01', '2026-05-08'), 22);
  assert.equal(budgetOn(20, '2026-05-01', '2026-05-15'), 24);
  assert.equal(budgetOn(20, '2026-05-01', '2026-07-15', 0.1, true), 20);
  const b = boomCheck(days([...Array(20).fill(20), 45]), TODAY, 50);
  assert.ok(b.boom && b.aboveLongest);
  const r = boomCheck(days([...Array(21).fill(10), ...Array(6).fill(40)]), TODAY, 40);
  assert.ok(r.boom && !r.aboveLongest && r.ratio > 1.5 && r.ratio < 1.8);
  assert.equal(acuteChronicRatio(days(Array(19).fill(30)), TODAY, 30), null);
  assert.equal(boomCheck(days(Array(28).fill(30)), TODAY, 30).boom, false);
  assert.equal(restBreakAfter(40), 20);
});

test('daily minutes sum check-ins per local day', () => {
  const recs = [{ data: { at: '2026-06-01T08:00:00+02:00', activity_minutes: 10 } },
    { data: { at: '2026-06-01T18:00:00+02:00', activity_minutes: 15 } }, { data: { at: '2026-05-31T09:00:00+02:00' } }];
  assert.deepEqual(dailyMinutes(recs, (iso) => iso.slice(0, 10)), { '2026-06-01': 25 });
});
