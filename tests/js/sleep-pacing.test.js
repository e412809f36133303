import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minutesAfterNoon, clockFromNoon, bedtimeSpread, minutesLate, hoursInBed } from '../../pwa/js/domain/sleep.js';
import { dailyMinutes, baselineHint, PACING } from '../../pwa/js/domain/pacing.js';
import { LESSONS, pacingLesson } from '../../pwa/js/domain/lessons.js';
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

test('the pacing lesson and the plan hint teach the figures in rules/pacing.json, whatever they are', () => {
  const text = (l) => [...l.paragraphs, ...l.sources].join(' ');
  const shown = LESSONS.find((l) => l.key === 'pacing');
  assert.deepEqual(shown, pacingLesson(PACING), 'the lesson shown is built from the rule file');
  const own = `${Math.round(PACING.baseline_share * 100)}%`, step = `${Math.round(PACING.default_weekly_increase * 100)}%`;
  assert.ok(text(shown).includes(`around ${own} of your typical day`) && text(shown).includes(`by about ${step} a week`));

  const changed = { ...PACING, baseline_share: 0.7, default_weekly_increase: 0.05, min_days: 9, tolerance_window_days: 21 };
  const lesson = text(pacingLesson(changed));
  assert.ok(lesson.includes('around 70% of your typical day') && lesson.includes('by about 5% a week'), lesson);
  assert.ok(lesson.includes('The 70% start and about 5% a week') && !lesson.includes(own + ' '), lesson);
  assert.match(baselineHint(null, null, changed), /at least 9 days/);
  assert.match(baselineHint(21, 30, changed), /21 minutes a day: about 70% of your typical 30 minutes over the last 21 days/);
  assert.match(baselineHint(null, null), new RegExp(`at least ${PACING.min_days} days`));
});
