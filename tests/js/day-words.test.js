import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayWord, whenWords, explanationText, todayIn } from '../../pwa/js/domain/day-words.js';

// As GET /api/alerts gives them (server/alerts/warnings.py explanation_parts).
const PARTS = ['From your own data: After busy days, pain is higher. ', { on: '2026-12-01' }, ' you had such a day, so pain is likely to be higher ',
  { from: '2026-12-02', to: '2026-12-02' }, ' (pain about 0.9 points higher; the pattern rests on 99 days).'];

test('an alert read the day after it was sent says yesterday and today', () => {
  assert.equal(explanationText(PARTS, '2026-12-02', 'en-GB'),
    'From your own data: After busy days, pain is higher. Yesterday you had such a day, so pain is likely to be higher today (pain about 0.9 points higher; the pattern rests on 99 days).');
});

test('read on the day it was sent it says today and tomorrow', () => {
  assert.match(explanationText(PARTS, '2026-12-01', 'en-GB'), /Today you had such a day, so pain is likely to be higher tomorrow \(/);
});

test('read days later it names the dates in the person\'s locale, never "tomorrow" or "yesterday"', () => {
  const later = explanationText(PARTS, '2026-12-04', 'en-GB');
  assert.match(later, /On Tue 1 Dec you had such a day, so pain is likely to be higher on Wed 2 Dec \(/);
  assert.doesNotMatch(later, /today|tomorrow|yesterday/i);
  assert.match(explanationText(PARTS, '2026-12-04', 'en-US'), /On Tue, Dec 1 you had such a day, so pain is likely to be higher on Wed, Dec 2 \(/);
  // the day after the expected day: its crossing two days back, and not "likely to be higher yesterday"
  assert.match(explanationText(PARTS, '2026-12-03', 'en-GB'), /On Tue 1 Dec you had such a day, so pain is likely to be higher on Wed 2 Dec \(/);
});

test('a night is told from the day it ended', () => {
  const night = [{ night_before: '2026-12-01' }, ' was such a night'];
  assert.equal(explanationText(night, '2026-12-01', 'en-GB'), 'Last night was such a night');
  assert.equal(explanationText(night, '2026-12-02', 'en-GB'), 'The night before last was such a night');
  assert.equal(explanationText(night, '2026-12-05', 'en-GB'), 'The night before Tue 1 Dec was such a night');
});

test('a range of days and the words next to today', () => {
  assert.equal(whenWords('2026-12-02', '2026-12-04', '2026-12-02', 'en-GB'), 'between today and Fri 4 Dec');
  assert.equal(whenWords('2026-12-02', '2026-12-04', '2026-12-10', 'en-GB'), 'between Wed 2 Dec and Fri 4 Dec');
  assert.deepEqual(dayWord('2026-12-31', '2027-01-01'), { near: true, words: 'yesterday' });  // across a year
  assert.equal(dayWord('2026-12-31', '2027-01-01', { past: false, locale: 'en-GB' }).words, 'Thu 31 Dec');
});

test('today is counted in the person\'s time zone', () => {
  const now = new Date('2026-12-03T20:00:00Z');  // evening in London, the next morning in Auckland
  assert.equal(todayIn('Europe/London', now), '2026-12-03');
  assert.equal(todayIn('Pacific/Auckland', now), '2026-12-04');
  assert.equal(todayIn('America/Los_Angeles', now), '2026-12-03');
  assert.match(todayIn('Not/AZone', now), /^\d{4}-\d{2}-\d{2}$/);  // an unknown zone: the device's
});
