import test from 'node:test';
import assert from 'node:assert/strict';
import { weekStart, pegScore, pegDue, pegSeries, pegOffered } from '../../pwa/js/domain/peg3.js';
import { csvRecords, csvBatches } from '../../pwa/js/domain/csvsplit.js';
import { comparisonGlyph } from '../../pwa/js/domain/charts.js';

test('week starts on Monday', () => {
  assert.equal(weekStart('2026-11-21'), '2026-11-16'); // Saturday
  assert.equal(weekStart('2026-11-16'), '2026-11-16');
  assert.equal(weekStart('2026-11-22'), '2026-11-16'); // Sunday
});

test('PEG score is the mean of three answers, due once a week', () => {
  assert.equal(pegScore({ pain: 6, enjoyment: 7, activity: 5 }), 6);
  assert.equal(pegScore({ pain: 6, enjoyment: 7 }), null);
  const entries = [{ week_start: '2026-11-09', pain: 5, enjoyment: 5, activity: 5 }];
  assert.equal(pegDue(entries, '2026-11-21'), true);
  assert.equal(pegDue([...entries, { week_start: '2026-11-16', pain: 1, enjoyment: 1, activity: 1 }], '2026-11-21'), false);
  assert.deepEqual(pegSeries([...entries, { week_start: '2026-11-02', pain: 3, enjoyment: 3, activity: 6 }]).map((e) => e.score), [4, 5]);
});

test('CSV records keep quoted line breaks and drop blank lines', () => {
  const text = 'a,b\r\n1,"two\nlines"\n\n3,"x""y"\n';
  assert.deepEqual(csvRecords(text), ['a,b', '1,"two\nlines"', '3,"x""y"']);
});

test('CSV batches repeat the header and count file lines', () => {
  const text = 'h\n1\n2\n3\n4\n5\n';
  const batches = csvBatches(text, 2);
  assert.deepEqual(batches.map((b) => [b.first_line, b.rows]), [[2, 2], [4, 2], [6, 1]]);
  assert.equal(batches[1].csv, 'h\r\n3\r\n4\r\n');
});

test('comparison glyph shows both means', () => {
  const svg = comparisonGlyph(5.1, 4.3, { labels: ['without', 'with'] });
  assert.match(svg, /without 5\.1/);
  assert.match(svg, /with 4\.3/);
  assert.match(svg, /class="change"/);
  assert.doesNotMatch(comparisonGlyph(null, 4, {}), /class="change"/);
});

test('the weekly PEG-3 is offered only after a week of use, and only while due', () => {
  assert.equal(pegOffered([], '2026-11-21', '2026-11-21'), false); // day one: no week to look back on
  assert.equal(pegOffered([], '2026-11-21', '2026-11-16'), false); // six days in
  assert.equal(pegOffered([], '2026-11-21', '2026-11-15'), true);  // a full week
  assert.equal(pegOffered([{ week_start: '2026-11-16', pain: 1, enjoyment: 1, activity: 1 }], '2026-11-21', '2026-10-01'), false);
  assert.equal(pegOffered([], '2026-11-21', undefined), false);
});
