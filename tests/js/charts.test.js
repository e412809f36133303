import test from 'node:test';
import assert from 'node:assert/strict';
import { dayNumber, isoDay, addDays, daysBetween, linearScale, niceTicks, dayScale } from '../../pwa/js/domain/scales.js';
import { segments, linePath, areaPath, timelineChart, timelineLegend, contributorsChart, effectGlyph, weeklyChart } from '../../pwa/js/domain/charts.js';
import { heatmapCells, heatmapChart, painLevel, weekday } from '../../pwa/js/domain/heatmap.js';

test('day numbers round-trip and cross month and leap-day boundaries', () => {
  assert.equal(isoDay(dayNumber('2024-02-28')), '2024-02-28');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2024-02-28', 2), '2024-03-01');
  assert.deepEqual(daysBetween('2025-12-30', '2026-01-02'), ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
});

test('linear scale maps, inverts and handles a flat domain', () => {
  const y = linearScale([0, 10], [200, 0]);
  assert.equal(y(0), 200);
  assert.equal(y(10), 0);
  assert.equal(y(5), 100);
  assert.equal(y.invert(50), 7.5);
  assert.equal(linearScale([3, 3], [0, 100])(3), 50);
});

test('nice ticks are round numbers covering the domain', () => {
  assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0, 100, 4), [0, 50, 100]);
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

test('day scale puts each day at the centre of its band', () => {
  const x = dayScale('2026-01-01', '2026-01-10', [0, 100]);
  assert.equal(x.days, 10);
  assert.equal(x('2026-01-01'), 5);
  assert.equal(x('2026-01-10'), 95);
  assert.deepEqual(x.ticks(2), ['2026-01-01', '2026-01-06']);
});

test('segments break at a missing day and at a null value', () => {
  const runs = segments([
    { date: '2026-01-01', value: 3 }, { date: '2026-01-02', value: 4 },
    // 01-03 missing entirely
    { date: '2026-01-04', value: 5 }, { date: '2026-01-05', value: null }, { date: '2026-01-06', value: 6 },
  ]);
  assert.deepEqual(runs.map((r) => r.map((p) => p.date)), [['2026-01-01', '2026-01-02'], ['2026-01-04'], ['2026-01-06']]);
});

test('segments sort input and allow a weekly step when asked', () => {
  const pts = [{ date: '2026-01-15', value: 2 }, { date: '2026-01-01', value: 1 }, { date: '2026-01-08', value: 3 }];
  assert.equal(segments(pts).length, 3);
  assert.equal(segments(pts, 7).length, 1);
});

test('line path starts a new sub-path after a gap and never bridges it', () => {
  const x = dayScale('2026-01-01', '2026-01-05', [0, 50]);
  const y = linearScale([0, 10], [10, 0]);
  const d = linePath([
    { date: '2026-01-01', value: 0 }, { date: '2026-01-02', value: 10 }, { date: '2026-01-04', value: 5 }, { date: '2026-01-05', value: 5 },
  ], x, y);
  assert.equal(d, 'M5 10L15 0M35 5L45 5');
});

test('area path closes each run separately', () => {
  const x = dayScale('2026-01-01', '2026-01-04', [0, 40]);
  const y = linearScale([0, 100], [100, 0]);
  const d = areaPath([{ date: '2026-01-01', value: 50 }, { date: '2026-01-03', value: 100 }], x, y, 100);
  assert.equal((d.match(/Z/g) || []).length, 2);
  assert.ok(d.startsWith('M0 100L0 50L10 50L10 100Z'));
});

test('timeline marks flares, draws dashed max, escapes nothing unsafe', () => {
  const svg = timelineChart({
    from: '2026-01-01', to: '2026-01-07',
    days: [
      { date: '2026-01-01', pain_mean: 3, pain_max: 5, score: 40, flare: false },
      { date: '2026-01-02', pain_mean: 7, pain_max: 9, score: 70, flare: true },
      { date: '2026-01-05', pain_mean: 4, pain_max: 4, score: 30, flare: false },
    ],
  });
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.equal((svg.match(/class="tl-flare"/g) || []).length, 1);
  assert.match(svg, /class="tl-max"[^>]*stroke-dasharray="4 3"/);
  assert.equal((svg.match(/class="tl-mean-dot"/g) || []).length, 1); // 01-05 stands alone
  assert.doesNotMatch(svg, /style=/);
});

test('contributors chart lists bars largest first and is empty without data', () => {
  const svg = contributorsChart({ stress: 5, sleep: 20, meals: 0 });
  assert.ok(svg.indexOf('Sleep') < svg.indexOf('Stress'));
  assert.doesNotMatch(svg, /Meals/);
  assert.equal(contributorsChart({}), '');
});

test('effect glyph places the estimate between the interval ends', () => {
  const svg = effectGlyph({ effect: 1.2, ci_low: 0.4, ci_high: 2 });
  const cx = Number(svg.match(/<circle cx="([\d.]+)"/)[1]);
  const ends = [...svg.matchAll(/class="ci"/g)];
  assert.equal(ends.length, 1);
  const [, x1, x2] = svg.match(/x1="([\d.]+)" x2="([\d.]+)" y1="30" y2="30"/);
  assert.ok(Number(x1) < cx && cx < Number(x2));
  assert.match(svg, /\+1\.2/);
});

test('weekly chart joins consecutive weeks and breaks after a skipped week', () => {
  const svg = weeklyChart([{ date: '2026-01-05', value: 4 }, { date: '2026-01-12', value: 5 }, { date: '2026-01-26', value: 6 }], { from: '2026-01-05', to: '2026-01-26' });
  const d = svg.match(/class="series"/) && svg.match(/d="([^"]+)"[^>]*class="series"/)[1];
  assert.equal((d.match(/M/g) || []).length, 2);
});

test('weekday and pain level', () => {
  assert.equal(weekday('2026-11-23'), 0); // a Monday
  assert.equal(weekday('2026-11-22'), 6); // a Sunday
  assert.equal(painLevel(null), -1);
  assert.equal(painLevel(0), 0);
  assert.equal(painLevel(3.9), 1);
  assert.equal(painLevel(10), 4);
});

test('heatmap cells: one per day, Monday rows, week columns, missing days empty', () => {
  const cells = heatmapCells([{ date: '2026-11-25', pain_mean: 6.5 }], { from: '2026-11-22', to: '2026-11-30', cell: 10, gap: 2 });
  assert.equal(cells.length, 9);
  const sun = cells[0];
  assert.deepEqual([sun.date, sun.col, sun.row, sun.level], ['2026-11-22', 0, 6, -1]);
  const wed = cells.find((c) => c.date === '2026-11-25');
  assert.deepEqual([wed.col, wed.row, wed.x, wed.y, wed.value, wed.level], [1, 2, 12, 24, 6.5, 3]);
  assert.equal(cells.at(-1).col, 2);
});

test('heatmap SVG draws an outline-only cell for each day without data', () => {
  const svg = heatmapChart([{ date: '2026-11-25', pain_mean: 2 }], { from: '2026-11-23', to: '2026-11-29' });
  assert.equal((svg.match(/class="heat heat-none"/g) || []).length, 6);
  assert.equal((svg.match(/class="heat heat-1"/g) || []).length, 1);
});

test('effect glyph draws odds ratios on a log scale around 1', () => {
  const svg = effectGlyph({ effect: 2, ci_low: 1.25, ci_high: 3.2 }, { nullValue: 1 });
  const nullX = Number(svg.match(/x1="([\d.]+)"[^>]*class="null"/)[1]);
  const cx = Number(svg.match(/<circle cx="([\d.]+)"/)[1]);
  assert.ok(cx > nullX);
  assert.match(svg, /×1\.25/);
  assert.doesNotMatch(svg, /x1="-/);
});

import { monthGrid, nextMonth, previousMonth } from '../../pwa/js/domain/calendar.js';
import { shortDate } from '../../pwa/js/domain/charts.js';

test('a month grid starts on Monday, marks flares, today and days to come', () => {
  const weeks = monthGrid('2026-12', [{ date: '2026-12-02', pain_mean: 6.5, flare: true, n: 2 }, { date: '2026-12-01', pain_mean: 1 }], '2026-12-02');
  assert.equal(weeks[0].length, 7);
  assert.equal(weeks[0][1]?.date, '2026-12-01'); // 1 December 2026 is a Tuesday: Monday is empty
  assert.equal(weeks[0][0], null);
  const wed = weeks[0][2];
  assert.deepEqual([wed?.date, wed?.value, wed?.level, wed?.flare, wed?.checkins, wed?.today], ['2026-12-02', 6.5, 3, true, 2, true]);
  assert.equal(weeks[0][3]?.future, true);
  assert.equal(weeks.flat().filter(Boolean).length, 31);
  assert.equal(nextMonth('2026-12'), '2027-01');
  assert.equal(previousMonth('2026-01'), '2025-12');
});

test('days before the first check-in are neither check-ins nor missed ones', () => {
  const days = monthGrid('2026-11', [{ date: '2026-11-28', pain_mean: 4 }], '2026-12-03', '2026-11-28').flat().filter(Boolean);
  assert.deepEqual(days.filter((d) => d.before).map((d) => d.day), Array.from({ length: 27 }, (_, i) => i + 1));
  assert.equal(days.find((d) => d.day === 28).before, false);
  // No check-in yet at all: nothing before today was missed either.
  assert.equal(monthGrid('2026-11', [], '2026-12-03').flat().filter((d) => d && !d.before).length, 0);
});

test('dates read in the person\'s locale, never as "11-02"', () => {
  assert.equal(shortDate('2026-11-02', { locale: 'en-GB' }), '2 Nov');
  assert.equal(shortDate('2026-11-02', { locale: 'en-US' }), 'Nov 2');
  assert.equal(shortDate('2026-11-02', { locale: 'de-DE' }), '2. Nov.');
  assert.equal(shortDate('2026-11-02', { locale: 'en-GB', year: true }), '2 Nov 2026');
  // A date is a date: no time zone can move it to the day before.
  assert.equal(shortDate('2026-01-01', { locale: 'en-GB' }), '1 Jan');
});

test('chart labels are never under 12 px, and grow with the text', () => {
  const sizes = (svg) => [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  const days = [{ date: '2026-01-01', pain_mean: 3, score: 40 }, { date: '2026-01-02', pain_mean: 5, score: 50 }];
  for (const svg of [timelineChart({ days, from: '2026-01-01', to: '2026-01-28', font: 9 }),
    contributorsChart({ sleep: 3 }, { font: 9 }), effectGlyph({ effect: 1, ci_low: 0.5, ci_high: 1.5 }, { font: 9 }),
    weeklyChart([{ date: '2026-01-05', value: 4 }], { from: '2026-01-05', to: '2026-03-01', font: 9 })]) {
    assert.ok(sizes(svg).length > 0 && Math.min(...sizes(svg)) >= 12, svg.slice(0, 80));
  }
  const big = timelineChart({ days, from: '2026-01-01', to: '2026-01-28', font: 27, width: 300 });
  assert.ok(Math.min(...sizes(big)) >= 27);
  // Fewer date labels when they are large, so they never run into each other.
  const count = (svg) => (svg.match(/class="tick"[^>]*>[^<]*[A-Za-z]/g) || []).length; // date labels
  const small = timelineChart({ days, from: '2026-01-01', to: '2026-01-28', font: 12, width: 300 });
  assert.ok(count(big) >= 2 && count(big) < count(small), `${count(big)} vs ${count(small)}`);
});

test('date labels never overlap, even when large text leaves room for two', () => {
  for (const [width, font] of [[280, 26], [330, 26], [360, 13], [600, 13]]) {
    for (const chart of [timelineChart({ days: [], from: '2026-11-05', to: '2026-12-02', width, font }),
      weeklyChart([], { from: '2026-09-07', to: '2026-11-30', width, font })]) {
      const labels = [...chart.matchAll(/<text[^>]*x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([A-Z][a-z]{2} \d+|\d+ [A-Z][a-z]{2})</g)]
        .map((m) => {
          const w = m[3].length * font * 0.55;
          return { left: Number(m[1]) - { start: 0, middle: w / 2, end: w }[m[2]], width: w };
        });
      assert.ok(labels.length >= 2, `${width}/${font}: ${labels.length} date labels`);
      for (let i = 1; i < labels.length; i++) assert.ok(labels[i].left >= labels[i - 1].left + labels[i - 1].width, `${width}/${font}: labels ${i - 1} and ${i} overlap`);
      assert.ok(labels.every((l) => l.left >= 0 && l.left + l.width <= width), `${width}/${font}: a label leaves the chart`);
    }
  }
});

test('a first week without a load or a flare draws no load axis and names neither', () => {
  // One day with pain 7 and no load score yet: "load 0 50 100" stood beside the chart and
  // the legend named a load and flares that were nowhere on it.
  const first = [{ date: '2026-12-03', pain_mean: 7, pain_max: 7, score: null, flare: false }];
  const svg = timelineChart({ days: first, from: '2026-11-06', to: '2026-12-03' });
  assert.doesNotMatch(svg, />load</);
  assert.doesNotMatch(svg, />100</);
  assert.deepEqual(timelineLegend(first, '2026-11-06', '2026-12-03').map((e) => e.cls), ['tl-mean', 'tl-max']);
  // The lone day is a dot one can see, not a speck.
  assert.ok(Number(svg.match(/class="tl-mean-dot"/) && svg.match(/<circle [^>]*r="([\d.]+)"[^>]*class="tl-mean-dot"/)[1]) >= 4);
  // Once there is a load and a flare in the range, both are drawn and named.
  const later = [...first, { date: '2026-12-04', pain_mean: 6, pain_max: 8, score: 40, flare: true }];
  const both = timelineChart({ days: later, from: '2026-11-07', to: '2026-12-04' });
  assert.match(both, />load</);
  assert.match(both, />100</);
  assert.equal(timelineLegend(later, '2026-11-07', '2026-12-04').length, 4);
  // Days outside the range do not count.
  assert.equal(timelineLegend(later, '2026-11-01', '2026-12-03').length, 2);
});
