import test from 'node:test';
import assert from 'node:assert/strict';
import { rangeFor, dailyPain, timelineDays, loadSentence, periodLine, forecastQuality, calibrationLines, beforeAfter, withWithout, whyWeBelieve, lagText, compareTakeaway, usualLoad, usualWait } from '../../pwa/js/domain/insights.js';

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
  assert.match(loadSentence({ score: 4, contributors: { nsaid: 3, sleep: 1 } }), /The largest part is NSAID use: 3 points/);
  assert.match(loadSentence(undefined), /No load figure yet: it needs about a week of check-ins/);
  assert.equal(loadSentence({ score: null, days_needed: 3, contributors: {} }),
    'No score yet (3 more days of check-ins): the load compares each day with your own previous four weeks.');
  assert.match(loadSentence({ score: null, days_needed: 1 }), /^No score yet \(1 more day of/);
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
    "Clearly better than judging by today's pain and flares. It ranked flare days above calm days 85% of the time, against 70% judging by today's and yesterday's pain (tested on 60 past days with 12 flares).");
  // the line names the strongest baseline (the one the forecast had to beat), never "usually right"
  const strongest = forecastQuality({ auc: 0.82, n_days: 90, events: 14, beats_baseline: true,
    baseline: { base_rate: { auc: 0.5 }, persistence: { auc: 0.78 }, pain: { auc: 0.74 } } });
  assert.match(strongest, /against 78% judging by whether today was a flare day/);
  assert.doesNotMatch(strongest, /usually right/i);
  assert.match(forecastQuality({ auc: 0.9, n_days: 5 }), /Too few days/);
});

test('calibration reads as observed against predicted', () => {
  assert.deepEqual(calibrationLines({ calibration: [{ predicted: 0.05, observed: 0.02, n: 50 }, { predicted: 0.6, observed: 0.55, n: 0 }] }),
    ['Forecast about 5%: a flare followed on 2% of 50 days.']);
  assert.deepEqual(calibrationLines(undefined), []);
});

test('calibration bins that read as the same percentage are one line, their days and flares added', () => {
  const bins = [{ predicted: 0.004, observed: 0, n: 10 }, { predicted: 0.012, observed: 1 / 12, n: 12 },
    { predicted: 0.008, observed: 0, n: 11 }, { predicted: 0.21, observed: 3 / 11, n: 11 }];
  // 1 flare in 12 + 0 in 11 days, both "about 1%": one line of 23 days, 4%.
  assert.deepEqual(calibrationLines({ calibration: bins }), [
    'Forecast under 1%: a flare followed on 0% of 10 days.',
    'Forecast about 1%: a flare followed on 4% of 23 days.',
    'Forecast about 21%: a flare followed on 27% of 11 days.',
  ]);
});

/** @param {number} n @param {(i: number) => number | null} pain */
const series = (n, pain) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), pain_mean: pain(i) }));

test('before/after is not shown with too few days a side', () => {
  const days = series(10, (i) => (i < 5 ? 6 : 4));
  assert.deepEqual(beforeAfter(days, '2026-01-06', 28), { before: { mean: 6, n: 5 }, after: { mean: 4, n: 5 }, diff: null, chance: null });
});

test('before/after allows for the trend the days before were already on', () => {
  // Pain falling steadily by 0.1 a day, nothing changes at the start: the raw means differ
  // by about 2.8 points, the trend-adjusted change is zero.
  const falling = series(56, (i) => 8 - 0.1 * i);
  const c = beforeAfter(falling, '2026-01-29', 28);
  assert.ok(/** @type {number} */ (c.before.mean) - /** @type {number} */ (c.after.mean) > 2.5);
  assert.ok(Math.abs(/** @type {number} */ (c.diff)) < 1e-6);
  // A real drop of 1.5 at the start, on top of the same trend, is found.
  const dropped = series(56, (i) => 8 - 0.1 * i - (i >= 28 ? 1.5 : 0));
  assert.ok(Math.abs(/** @type {number} */ (beforeAfter(dropped, '2026-01-29', 28).diff) + 1.5) < 1e-6);
});

test('with/without looks at the next day and allows for pain that drove the practice', () => {
  // Breathing on bad days, no effect at all: tomorrow's pain follows today's and a random shock.
  let seed = 7;
  const shock = () => { seed = (seed * 48271) % 2147483647; return (seed / 2147483647) * 4 - 2; };
  /** @type {number[]} */
  const pain = [5];
  for (let i = 1; i < 120; i++) pain.push(2.5 + 0.5 * pain[i - 1] + shock());
  const days = series(120, (i) => pain[i]);
  const bad = new Set(days.filter((d) => /** @type {number} */ (d.pain_mean) >= 5.5).map((d) => d.date));
  const w = withWithout(days, (d) => bad.has(d));
  assert.ok(w.after.n >= 14 && w.before.n >= 14);
  // raw: days after breathing look worse (breathing came on bad days); adjusted: about nothing
  assert.ok(/** @type {number} */ (w.after.mean) - /** @type {number} */ (w.before.mean) > 0.8);
  assert.ok(Math.abs(/** @type {number} */ (w.diff)) < 0.5, String(w.diff));
  assert.equal(withWithout(days.slice(0, 20), (d) => bad.has(d)).diff, null);
});

test('why we believe this cites days, interval and lag', () => {
  const lines = whyWeBelieve({ kind: 'lagged', factors: ['stress'], outcome: 'pain', lag_days: 2, direction: 'worse', threshold: null, effect: 1, ci_low: 0.5, ci_high: 1.5, q_value: 0.03, n: 80, summary: '' });
  assert.match(lines[0], /80 days/);
  assert.match(lines[1], /\+0\.5 and \+1\.5/);
  assert.match(whyWeBelieve({ kind: "lagged", factors: ["stress"], outcome: "flare", lag_days: 0, direction: "worse", threshold: null, effect: 2, ci_low: 1.3, ci_high: 3, q_value: 0.2, n: 60, summary: "" })[1], /1\.3 and 3 times/);
  // a wide range on few flares: two significant figures, not "1.75 and 302.85"
  assert.equal(whyWeBelieve({ kind: 'lagged', factors: ['stress'], outcome: 'flare', lag_days: 1, direction: 'worse', threshold: null, effect: 23.05, ci_low: 1.75, ci_high: 302.85, q_value: 0.02, n: 110, summary: '' })[1],
    'The odds of a flare are likely between 1.8 and 300 times as high (1 would mean no difference).');
  assert.match(lines.join(' '), /2 days later/);
  assert.equal(lagText(0), 'same day');
  // the q-value told as what it is, a share among findings this strong
  assert.match(lines[2], /of links as strong as this one, we expect about 3 in 100 to be chance/);
  assert.doesNotMatch(lines.join(' '), /chance this is a fluke/);
  // a night's pattern counts its days from the night, as its sentence does
  const night = { kind: 'threshold', factors: ['sleep_hours'], outcome: 'pain', lag_days: 1, direction: 'worse', threshold: null, effect: 1, ci_low: 0.5, ci_high: 1.5, q_value: 0.03, n: 80, summary: '', counted_from: 'night' };
  assert.match(whyWeBelieve(night).join(' '), /compared each night with your pain two days after it/);
  assert.match(whyWeBelieve({ ...night, lag_days: 0 }).join(' '), /compared each night with your pain the day after it/);
  assert.doesNotMatch(whyWeBelieve(night).join(' '), /followed 1 day later/);
});

test('a timing the check-ins leave open is told as a range, never as one day', () => {
  const p = { kind: 'lagged', factors: ['stress'], outcome: 'pain', lag_days: 2, direction: 'worse', threshold: null, effect: 1, ci_low: 0.5, ci_high: 1.5, q_value: 0.03, n: 80, summary: '', lag_range: [1, 3], lag_exact: false };
  const said = whyWeBelieve(p).join(' ');
  assert.match(said, /may show up 1 to 3 days later: few of your check-ins are 1 or 3 days apart/);
  assert.doesNotMatch(said, /followed 2 days later/);
  assert.equal(lagText(2, [1, 3]), 'shows up 1 to 3 days later');
  assert.equal(lagText(0, [0, 1]), 'shows up the same day or up to 1 day later');
  assert.equal(lagText(2, [2, 2]), 'shows up 2 days later');
  assert.match(whyWeBelieve({ ...p, lag_range: [2, 2], lag_exact: true }).join(' '), /followed 2 days later/);
});

test('a sparse logger\'s "next check-in" pattern says what was compared, and its range', () => {
  const p = { kind: 'lagged', factors: ['stress'], outcome: 'pain', lag_days: 2, direction: 'worse', threshold: null, effect: 1, ci_low: 0.5, ci_high: 1.5, q_value: 0.03, n: 170, summary: '', lag_range: [1, 4], lag_exact: false, timing: 'next_check_in' };
  const said = whyWeBelieve(p).join(' ');
  assert.match(said, /compared each day with your first check-in 2 or more days after it/);
  assert.match(said, /may show up 1 to 4 days later/);
  assert.doesNotMatch(said, /few of your check-ins are/);
  assert.match(whyWeBelieve({ ...p, lag_days: 1, lag_range: [1, 3] }).join(' '), /with your next check-in after it.*1 to 3 days later/);
});

test('a low-end pattern is shown as the server words it, never turned round', () => {
  const p = { kind: 'lagged', factors: ['energy'], outcome: 'pain', lag_days: 0, direction: 'worse', threshold: null, effect: 1.55, ci_low: 1.24, ci_high: 1.87, q_value: 0.01, n: 120, summary: 'On days with energy of 5 or less, your pain averaged 1.6 points higher than on other days.' };
  assert.match(whyWeBelieve(p)[1], /\+1\.24 and \+1\.87/);
  const odds = { ...p, outcome: 'flare', effect: 2, ci_low: 1.25, ci_high: 4 };
  assert.match(whyWeBelieve(odds)[1], /1\.3 and 4 times/);
});

test('a "What helps" card leads with one plain sentence that never claims the item did it', () => {
  assert.equal(compareTakeaway({ diff: null }, 'practice'), 'Not shown yet: it needs 14 days with it and 14 without, each followed by a check-in the next day.');
  assert.equal(compareTakeaway({ diff: null }, 'started'), 'Not shown yet: it needs 14 days with a pain rating before you started and 14 after.');
  assert.equal(compareTakeaway({ diff: -2, chance: null }, 'started'), 'Not shown yet: it needs more weeks of check-ins to tell a change from your usual ups and downs.');
  assert.equal(compareTakeaway({ diff: 0.3, chance: 0.01 }, 'practice'), 'No clear difference in your pain the day after.');
  assert.equal(compareTakeaway({ diff: -0.4, chance: 0.01 }, 'started'), 'No clear change in your pain since you started: changes this size come and go in your check-ins anyway.');
  assert.equal(compareTakeaway({ diff: -0.9, chance: 0.04 }, 'started'), 'Since you started, your pain has been about 0.9 points lower than the way it was already going.');
  assert.equal(compareTakeaway({ diff: 1.4, chance: 0.03 }, 'started'), 'Since you started, your pain has been about 1.4 points higher than the way it was already going.');
  assert.equal(compareTakeaway({ diff: -2.6, chance: 0.02 }, 'practice'), 'The day after, your pain was about 2.6 points lower than after days without it.');
  // a large change that the person's other dates show as often is not told
  assert.equal(compareTakeaway({ diff: 1.4, chance: 0.3 }, 'started'), 'No clear change in your pain since you started: changes this size come and go in your check-ins anyway.');
  assert.equal(compareTakeaway({ diff: -2.6, chance: 0.06 }, 'practice'), 'No clear difference in your pain the day after.');
  for (const diff of [-3, -1, -0.6, 0.6, 2]) {
    for (const kind of /** @type {const} */ (['started', 'practice'])) assert.doesNotMatch(compareTakeaway({ diff, chance: 0.01 }, kind), /because|caused|helps|works|proves/i);
  }
});

test('the load says how it compares with the person\'s usual, once there is one', () => {
  const load = Array.from({ length: 28 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, score: i % 2 ? 20 : 24 }));
  assert.equal(usualLoad(load, '2026-11-29'), 22);
  assert.equal(usualLoad(load.slice(0, 6), '2026-11-29'), null);  // under a week of scores: no usual
  // ... and the load says when it will have one, instead of "15 of 100" standing alone.
  assert.equal(usualWait(load.slice(0, 6), '2026-11-29'), 1);
  assert.equal(usualWait(load, '2026-11-29'), 0);
  assert.equal(loadSentence({ score: 15, contributors: { sleep: 10, nsaid: 5 } }, null, 1),
    "Today's load is 15 of 100 (whether that is high for you shows after 1 more day of check-ins). The largest part is sleep: 10 points, 67% of the total.");
  assert.equal(usualLoad([...load, { date: '2026-11-29', score: 90 }], '2026-11-29'), 22);  // the day itself never counts
  const day = { score: 30, contributors: { sleep: 20, stress: 10 } };
  assert.match(loadSentence(day, 22), /^Today's load is 30 of 100, higher than your usual \(about 22\)\. The largest part is sleep/);
  assert.match(loadSentence({ ...day, score: 14 }, 22), /lower than your usual \(about 22\)/);
  assert.match(loadSentence({ ...day, score: 25 }, 22), /^Today's load is 25 of 100, about your usual \(22\)\./);
  assert.match(loadSentence(day), /^Today's load is 30 of 100\. /);
});
