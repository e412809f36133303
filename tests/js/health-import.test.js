// The words around health imports: progress, summaries, and where a day's values came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SOURCES, formatBytes, sleepLength, progressOf, summaryText, dayNotes, sameFile } from '../../pwa/js/domain/health-import.js';

const record = (over) => ({ id: 'x', filename: 'export.zip', size: 300 * 1024 ** 2, received: 0, chunk_size: 2 ** 21,
  state: 'uploading', phase: null, progress: 0, sources: [], summary: null, error: null, created_at: '', finished_at: null, ...over });

test('every source has a name, the file it makes and steps to get it', () => {
  assert.deepEqual(SOURCES.map((s) => s.key).sort(), ['apple_health', 'fitbit', 'garmin', 'google_fit', 'health_connect', 'oura']);
  for (const s of SOURCES) assert.ok(s.name && s.file && s.how.length >= 2, s.key);
});

test('sizes and sleep read as people say them', () => {
  assert.equal(formatBytes(300 * 1024 ** 2), '300 MB');
  assert.equal(formatBytes(3.4 * 1024 ** 2), '3.4 MB');
  assert.equal(formatBytes(900), '1 KB');
  assert.equal(sleepLength(7.25), '7 h 15 min');
  assert.equal(sleepLength(6), '6 h');
});

test('progress through upload and reading', () => {
  assert.deepEqual(progressOf(record({ received: 150 * 1024 ** 2 })), { text: 'Uploading 50% — 150 MB of 300 MB', fraction: 0.5 });
  assert.deepEqual(progressOf(record({ state: 'processing', phase: 'reading', progress: 0.432 })), { text: 'Reading your data… 43%', fraction: 0.432 });
  assert.equal(progressOf(record({ state: 'done' })).fraction, null);
});

test('what an import added, or why it added nothing', () => {
  const label = (d) => d;
  const done = record({ state: 'done', sources: [{ key: 'apple_health', name: 'Apple Health' }],
    summary: { days: 3, first_date: '2026-03-27', last_date: '2026-03-29', fields: { sleep_hours: 2, steps: 2 }, new: 3, changed: 0 } });
  assert.equal(summaryText(done, label), '3 days from Apple Health, 2026-03-27 to 2026-03-29: sleep (2), steps (2). 3 new days, 0 updated.');
  assert.match(summaryText(record({ state: 'done', summary: { duplicate_of: 'y', days: 0 } }), label), /already imported this file/);
  assert.equal(summaryText(record({ state: 'failed', error: 'This export.xml ends too early.' }), label), 'This export.xml ends too early.');
  assert.match(summaryText({ ...done, summary: { ...done.summary, new: 0 } }, label), /already here/);
});

test('a day\'s notes say where each value came from, and that typing wins', () => {
  const day = { date: '2026-03-27', sleep_hours: 7.25, night_wakings: 1, steps: 2900, activity_minutes: 24,
    sources: { sleep_hours: 'apple_health', night_wakings: 'apple_health', steps: 'fitbit', activity_minutes: 'fitbit' } };
  const notes = dayNotes(day, {});
  assert.equal(notes.sleep, 'Apple Health recorded 7 h 15 min asleep, woke 1 time that night. It counts unless you type your own.');
  assert.equal(notes.activity, 'Fitbit recorded 24 active minutes, 2,900 steps that day. It counts unless you type your own.');
  assert.match(dayNotes(day, { sleep_hours: 5, night_wakings: 0 }).sleep, /What you typed is used instead\.$/);
  // typed hours replace only the hours: the watch's wakings still count, and the note says so
  assert.match(dayNotes(day, { sleep_hours: 5 }).sleep, /What you typed for hours asleep is used instead; the rest counts\.$/);
  assert.match(dayNotes(day, { activity_minutes: 40 }).activity, /What you typed for active minutes is used instead; the rest counts\.$/);
  // a typed field the watch did not record changes nothing about what it did record
  assert.match(dayNotes(day, { sleep_quality: 6 }).sleep, /It counts unless you type your own\.$/);
  // wakings typed on a day the watch counted only wakings: the typed count is the one used
  const wakings = { date: 'd', night_wakings: 3, sources: { night_wakings: 'oura' } };
  assert.match(dayNotes(wakings, { night_wakings: 1 }).sleep, /woke 3 times that night\. What you typed is used instead\.$/);
  assert.match(dayNotes(wakings, {}).sleep, /It counts unless you type your own\.$/);
  assert.deepEqual(dayNotes(undefined), { sleep: null, activity: null });
  assert.equal(dayNotes({ date: 'd', steps: 10, sources: { steps: 'garmin' } }).sleep, null);
});

test('an interrupted upload resumes only with the very same file', () => {
  const pending = { id: 'x', name: 'export.zip', size: 10, lastModified: 5 };
  assert.ok(sameFile(pending, { name: 'export.zip', size: 10, lastModified: 5 }));
  assert.ok(!sameFile(pending, { name: 'export.zip', size: 11, lastModified: 5 }));
  assert.ok(!sameFile(undefined, { name: 'export.zip', size: 10, lastModified: 5 }));
});

test('the server reads the same source names', () => {
  const json = JSON.parse(readFileSync(new URL('../../pwa/js/domain/health-sources.json', import.meta.url)));
  assert.deepEqual(json.sources.map((s) => s.key), SOURCES.map((s) => s.key));
});
