// Check-in validation mirrors the server's ranges; sections, presets and "same as yesterday".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCheckin, compact, withClearedFields, trackerKey, FIELDS, SECTIONS, orderedSections, shownSections, filledSections, sameAsYesterday, dayBefore, knownTrackers, newestFirst, lastToday, batchEnd } from '../../pwa/js/domain/checkin.js';
import { isoWithOffset, localDate } from '../../pwa/js/domain/time.js';

const at = '2026-11-21T08:05:00.000+01:00';

test('pain, flare and a time alone are a valid check-in', () => {
  assert.deepEqual(validateCheckin({ at, pain: 6, flare: true }), {});
});

test('every numeric range of the server schema is enforced at its edges', () => {
  const ok = { pain: 10, sleep_hours: 24, sleep_quality: 0, night_wakings: 0, stress: 10, mood: 0, energy: 10,
    activity_minutes: 0, activity_effort: 10, rest_breaks: 0, nsaid_doses: 0, meal_regularity: 10,
    alcohol_units: 0, breathing_minutes: 0, mindfulness_minutes: 0 };
  assert.deepEqual(validateCheckin({ at, ...ok }), {});
  const bad = { pain: 11, sleep_hours: 24.5, sleep_quality: -1, night_wakings: -1, stress: 3.5, activity_minutes: -5, alcohol_units: -0.5 };
  assert.deepEqual(Object.keys(validateCheckin({ at, ...bad })).sort(), Object.keys(bad).sort());
});

test('decimals are allowed where the server takes a number, not where it takes an int', () => {
  assert.deepEqual(validateCheckin({ at, sleep_hours: 6.5, alcohol_units: 1.5 }), {});
  assert.ok(validateCheckin({ at, pain: 4.5 }).pain);
});

test('choices must come from the vocabulary', () => {
  assert.deepEqual(validateCheckin({ at, locations: ['neck', 'lower_back'], qualities: ['burning'], activities: ['tai_chi'], red_flags: ['saddle_numbness'] }), {});
  for (const f of ['locations', 'qualities', 'activities', 'red_flags']) assert.ok(validateCheckin({ at, [f]: ['elbow_of_doom'] })[f], f);
});

test('unknown fields, a missing offset and overlong notes are rejected', () => {
  assert.ok(validateCheckin({ at, mystery: 1 }).mystery);
  assert.ok(validateCheckin({ at: '2026-11-21T08:05:00' }).at);
  assert.ok(validateCheckin({ at, notes: 'x'.repeat(2001) }).notes);
  assert.deepEqual(validateCheckin({ at, notes: 'x'.repeat(2000) }), {});
});

test('medications need a name; custom trackers need numbers', () => {
  assert.deepEqual(validateCheckin({ at, medications: [{ name: 'PEA', dose_mg: 600 }, { name: 'magnesium' }], custom: { jaw: 3 } }), {});
  assert.ok(validateCheckin({ at, medications: [{ name: ' ', dose_mg: 1 }] }).medications);
  assert.ok(validateCheckin({ at, medications: [{ name: 'x', dose_mg: -1 }] }).medications);
  assert.ok(validateCheckin({ at, custom: { jaw: 'high' } }).custom);
});

test('compact drops empty values but keeps zero and false', () => {
  assert.deepEqual(compact({ at, pain: 0, flare: false, notes: '', locations: [], custom: {}, stress: undefined }), { at, pain: 0, flare: false });
});

test('sections cover every field exactly once, in both presets', () => {
  const fields = SECTIONS.flatMap((s) => s.fields).sort();
  assert.deepEqual(fields, Object.keys(FIELDS).filter((f) => f !== 'pain' && f !== 'flare').sort());
  for (const p of ['morning', 'evening']) assert.equal(orderedSections(p).length, SECTIONS.length);
  assert.equal(orderedSections('morning')[0].key, 'sleep');
  assert.equal(orderedSections('evening')[0].key, 'activity');
});

test('"same as yesterday" copies yesterday\'s routine values, not the moment', () => {
  const records = [
    { data: { at: '2026-11-20T22:00:00+00:00', pain: 7, flare: true, sleep_hours: 6, red_flags: ['fever_with_back_pain'], notes: 'x', custom: { jaw: 2 } } },
    { data: { at: '2026-11-20T23:30:00+02:00', pain: 2, sleep_hours: 9 } },
  ];
  // Both are from the 20th in their own local time; the later one wins where both gave a value.
  assert.deepEqual(sameAsYesterday(records, '2026-11-21'), { values: { sleep_hours: 6, custom: { jaw: 2 } }, from: '2026-11-20T22:00:00+00:00' });
  assert.equal(sameAsYesterday([], '2026-11-21'), null);
  assert.deepEqual(knownTrackers(records), ['jaw']);
  assert.equal(newestFirst(records)[0].data.pain, 7);
});

test('"same as yesterday" never copies a check-in from minutes ago, or from two days back', () => {
  const earlierToday = { data: { at: '2026-11-21T07:55:00.000+01:00', sleep_hours: 5, stress: 8 } };
  const yesterdayMorning = { data: { at: '2026-11-20T08:00:00.000+01:00', sleep_hours: 7, stress: 3 } };
  const yesterdayEvening = { data: { at: '2026-11-20T21:00:00.000+01:00', stress: 4, activity_minutes: 30 } };
  const twoDaysBack = { data: { at: '2026-11-19T21:00:00.000+01:00', alcohol_units: 2 } };
  const all = [earlierToday, yesterdayMorning, yesterdayEvening, twoDaysBack];
  assert.deepEqual(sameAsYesterday(all, '2026-11-21')?.values, { sleep_hours: 7, stress: 4, activity_minutes: 30 });
  assert.equal(sameAsYesterday([earlierToday, twoDaysBack], '2026-11-21'), null);
  // Only the fields of the sections on screen.
  assert.deepEqual(sameAsYesterday(all, '2026-11-21', ['sleep_hours'])?.values, { sleep_hours: 7 });
  assert.equal(dayBefore('2026-03-01'), '2026-02-28');
  assert.equal(dayBefore('2028-03-01'), '2028-02-29');
});

test('the person\'s own sections and order, with the warning signs always kept', () => {
  assert.deepEqual(shownSections(null), SECTIONS.map((s) => s.key));
  assert.deepEqual(shownSections(['sleep', 'nonsense', 'where', 'sleep']), ['sleep', 'where', 'red_flags']);
  assert.deepEqual(orderedSections('evening', ['sleep', 'red_flags', 'where']).map((s) => s.key), ['sleep', 'red_flags', 'where']);
  // An edit shows a hidden section that holds a value, after the chosen ones.
  assert.deepEqual(orderedSections('morning', ['where'], ['food']).map((s) => s.key), ['where', 'red_flags', 'food']);
  assert.deepEqual(filledSections({ at: 'x', pain: 3, alcohol_units: 1, notes: 'n' }), ['food', 'notes']);
});

test('times carry the local offset and round-trip to the same instant', () => {
  const d = new Date('2026-03-29T01:30:00.123Z');
  const iso = isoWithOffset(d);
  assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  assert.equal(Date.parse(iso), d.getTime());
  assert.equal(iso.slice(0, 10), localDate(d));
  assert.deepEqual(validateCheckin({ at: iso }), {});
});

test('server ranges beyond 0–10 are mirrored', () => {
  assert.deepEqual(validateCheckin({ at, night_wakings: 50, activity_minutes: 1440, nsaid_doses: 50, alcohol_units: 100 }), {});
  const bad = { night_wakings: 51, activity_minutes: 1441, nsaid_doses: 51, rest_breaks: 101, alcohol_units: 100.5 };
  assert.deepEqual(Object.keys(validateCheckin({ at, ...bad })).sort(), Object.keys(bad).sort());
  assert.ok(validateCheckin({ at, locations: ['neck', 'neck'] }).locations);
});

test('tracker names become keys the server accepts', () => {
  assert.equal(trackerKey('Jaw tension'), 'jaw_tension');
  assert.equal(trackerKey('  2nd  Coffee! '), 'nd_coffee');
  assert.equal(trackerKey('💤'), '');
  assert.deepEqual(validateCheckin({ at, custom: { jaw_tension: 3 } }), {});
  assert.ok(validateCheckin({ at, custom: { 'Jaw tension': 3 } }).custom);
});

test('an edit sends null for every field the person emptied', () => {
  const before = { at, pain: 5, notes: 'x', flare: true, stress: 3 };
  const after = { at, pain: 6, stress: 3 };
  assert.deepEqual(withClearedFields(before, after), { at, pain: 6, stress: 3, notes: null, flare: null });
  assert.deepEqual(validateCheckin(withClearedFields(before, after)), {});
});

test("the form's \"checked in today\" line names today's newest check-in, never yesterday's", () => {
  const morning = { data: { at: '2026-11-21T08:05:00.000+01:00', pain: 4 } };
  const noon = { data: { at: '2026-11-21T12:30:00.000+01:00', sleep_hours: 6 } };
  const lastNight = { data: { at: '2026-11-20T22:00:00.000+01:00', pain: 7 } };
  assert.deepEqual(lastToday([morning, lastNight, noon], '2026-11-21'), { at: noon.data.at, pain: null });
  assert.deepEqual(lastToday([morning, lastNight], '2026-11-21'), { at: morning.data.at, pain: 4 });
  assert.equal(lastToday([lastNight], '2026-11-21'), null);
});

test('History batches are whole days, newest first: two weeks of days with check-ins, at most 60 entries', () => {
  const rec = (/** @type {string} */ day, /** @type {number} */ hour) => ({ data: { at: `${day}T${String(hour).padStart(2, '0')}:00:00.000+01:00` } });
  // 20 days with check-ins, two a day, with a gap of a week after the newest three.
  const days = [...Array(20)].map((_, i) => new Date(Date.UTC(2026, 10, 30 - i - (i >= 3 ? 7 : 0))).toISOString().slice(0, 10));
  const sorted = newestFirst(days.flatMap((d) => [rec(d, 8), rec(d, 20)]));
  assert.equal(batchEnd(sorted, 0), 28);  // 14 days across the gap, not 14 calendar days
  assert.equal(batchEnd(sorted, 28), 40); // the rest
  assert.equal(batchEnd(sorted, 40), 40);
  // A busy stretch stops before a day that would pass 60 entries; a single busier day comes whole.
  const busy = newestFirst(['2026-11-30', '2026-11-29', '2026-11-28'].flatMap((d) => [...Array(25)].map((_, h) => rec(d, h % 24))));
  assert.equal(batchEnd(busy, 0), 50);
  assert.equal(batchEnd(busy, 0, 14, 10), 25);
});
