import test from 'node:test';
import assert from 'node:assert/strict';
import { rangeFor, dailyPain, timelineDays, loadSentence, baselineDays, periodLine, forecastQuality, calibrationLines, beforeAfter, withWithout, whyWeBelieve, lagText } from '../../pwa/js/domain/insights.js';

test('ranges end today and reach back the right number of days', () => {
  assert.deepEqual(rangeFor('4w', '2026-11-21'), { from: '2026-10-25', to: '2026-11-21' });
  assert.equal(rangeFor('1y', '2026-11-21').from, '2025-11-22');
  assert.equal(rangeFor('all', '2026-11-21', '2026-01-03').from, '2026-01-03');
});

test('daily pain: mean and max per local day, tombstones ignored', () => {
  const days = dailyPain([
    { at: '2026-11-20T08:00:00+01:00', pain: 2 },
    { at: '2026-11-20T20:00:00+01:00', pain: 6, flare: true },
    { at: '2026-11-21T08:00:00+01:00', pain: 9, deleted: true },
    { at: '2026-11-21T09:00:00+01:00' },
  ]);
  assert.deepEqual(days, [
    { date: '2026-11-20', flare: true, n: 2, pain_mean: 4, pain_max: 6 },
    { date: '2026-11-21', flare: false, n: 0, pain_mean: null, pain_max: null },
  ]);
});

test('timeline days: server figures win, local ones fill in', () => {
  const out = timelineDays([{ date: '2026-11-20', score: 50, pain_mean: 5, flare: false }],
    [{ date: '2026-11-20', pain_mean: 4, pain_max: 6, flare: true, n: 2 }, { date: '2026-11-21', pain_mean: 3, pain_max: 3, flare: false, n: 1 }]);
  assert.deepEqual(out.map((d) => [d.date, d.score, d.pain_mean, d.pain_max, d.flare]),
    [['2026-11-20', 50, 5, 6, true], ['2026-11-21', undefined, 3, 3, false]]);
});

test('load sentence names the largest contributor with its share', () => {
  assert.equal(loadSentence({ score: 61.6, contributors: { stress: 10, sleep_debt: 30 } }),
    "Today's load is 62 of 100. The largest part is sleep debt: 30 points, 75% of the total.");
  assert.match(loadSentence(undefined), /No load figure/);
});

test('the period line reads right from the first day on, never "1 days"', () => {
  const one = [{ date: '2026-11-21', pain_mean: 5.7, flare: false }];
  assert.equal(periodLine(one, '2026-11-01', '2026-11-30'), 'One day with a check-in so far: pain 5.7.');
  const more = [...one, { date: '2026-11-20', pain_mean: 3.3, flare: true }];
  assert.equal(periodLine(more, '2026-11-01', '2026-11-30'), 'Pain averaged 4.5 over 2 days with check-ins. 1 flare day.');
  assert.equal(periodLine([{ date: '2026-11-21', pain_mean: 2 }, { date: '2026-11-22', pain_mean: 4 }], '2026-11-01', '2026-11-30'),
    'Pain averaged 3.0 over 2 days with check-ins. No flare days.');
  assert.equal(periodLine(one, '2026-12-01', '2026-12-30'), 'No pain ratings in this period yet.');
});

test('forecast quality is honest about guessing', () => {
  assert.match(forecastQuality({ auc: 0.52, brier: 0.24, n_days: 60 }), /tomorrow is like today/);
  assert.match(forecastQuality({ auc: 0.85, n_days: 60, beats_baseline: false }), /No better so far/);
  assert.equal(forecastQuality({ auc: 0.85, n_days: 60, events: 12, beats_baseline: true, baseline: { pain: { auc: 0.7 } } }),
    "Usually right on your past days. It ranked flare days above calm days 85% of the time, against 70% judging by today's pain alone (tested on 60 past days with 12 flares).");
  assert.match(forecastQuality({ auc: 0.9, n_days: 5 }), /Too few days/);
});

test('calibration reads as observed against predicted', () => {
  assert.deepEqual(calibrationLines({ calibration: [{ predicted: 0.05, observed: 0.02, n: 50 }, { predicted: 0.6, observed: 0.55, n: 0 }] }),
    ['Forecast about 5%: a flare followed on 2% of 50 days.']);
  assert.deepEqual(calibrationLines(undefined), []);
});

test('before/after and with/without comparisons', () => {
  const days = [
    { date: '2026-01-01', pain_mean: 6 }, { date: '2026-01-02', pain_mean: 6 },
    { date: '2026-01-03', pain_mean: 4 }, { date: '2026-01-04', pain_mean: null }, { date: '2026-01-05', pain_mean: 2 },
  ];
  assert.deepEqual(beforeAfter(days, '2026-01-03', 2), { before: { mean: 6, n: 2 }, after: { mean: 4, n: 1 }, diff: -2 });
  const w = withWithout(days, (d) => d >= '2026-01-03');
  assert.equal(w.after.mean, 3);
  assert.equal(w.diff, -3);
});

test('why we believe this cites days, interval and lag', () => {
  const lines = whyWeBelieve({ kind: 'lagged', factors: ['stress'], outcome: 'pain', lag_days: 2, direction: 'worse', threshold: null, effect: 1, ci_low: 0.5, ci_high: 1.5, q_value: 0.03, n: 80, summary: '' });
  assert.match(lines[0], /80 days/);
  assert.match(lines[1], /\+0\.5 and \+1\.5/);
  assert.match(whyWeBelieve({ kind: "lagged", factors: ["stress"], outcome: "flare", lag_days: 0, direction: "worse", threshold: null, effect: 2, ci_low: 1.3, ci_high: 3, q_value: 0.2, n: 60, summary: "" })[1], /1\.3 and 3 times/);
  assert.match(lines.join(' '), /2 days later/);
  assert.equal(lagText(0), 'same day');
});

test('a low-end pattern is shown as the server words it, never turned round', () => {
  const p = { kind: 'lagged', factors: ['energy'], outcome: 'pain', lag_days: 0, direction: 'worse', threshold: null, effect: 1.55, ci_low: 1.24, ci_high: 1.87, q_value: 0.01, n: 120, summary: 'On days with energy of 5 or less, your pain averaged 1.6 points higher than on other days.' };
  assert.match(whyWeBelieve(p)[1], /\+1\.24 and \+1\.87/);
  const odds = { ...p, outcome: 'flare', effect: 2, ci_low: 1.25, ci_high: 4 };
  assert.match(whyWeBelieve(odds)[1], /1\.25? and 4 times/);
});

test('in the first week the load says how many more days it needs, not "0 of 100"', () => {
  const days = ['2026-11-28', '2026-11-29', '2026-11-30'].map((date) => ({ date, n: 1, pain_mean: 5 }));
  const today = { score: 0, contributors: {} };
  assert.equal(baselineDays(days, '2026-12-01'), 3);
  assert.equal(loadSentence(today, baselineDays(days, '2026-12-01')),
    'No load score yet — 4 more days of check-ins. The load compares each day with your own usual, and learning your usual takes a week.');
  assert.match(loadSentence(today, 0), /^No load score yet — 7 more days/);
  assert.match(loadSentence(today, 6), /^No load score yet — 1 more day of/);
  // A load entry without a check-in does not count, and neither do days over four weeks back.
  assert.equal(baselineDays([{ date: '2026-11-30', score: 0 }, { date: '2026-11-02', n: 2 }], '2026-12-01'), 0);
  const week = Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${String(20 + i).padStart(2, '0')}`, n: 1 }));
  assert.equal(loadSentence({ score: 12, contributors: { sleep: 12 } }, baselineDays(week, '2026-12-01')),
    "Today's load is 12 of 100. The largest part is sleep: 12 points, 100% of the total.");
});
