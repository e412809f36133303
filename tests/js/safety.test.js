import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b6Findings, nsaidFindings, prescriberFindings, safetyFindings } from '../../pwa/js/domain/safety.js';
import { daysBefore } from '../../pwa/js/domain/pacing.js';

const TODAY = '2026-05-20';
const item = (d) => ({ name: 'P5P', dose: 50, unit: 'mg', times: ['08:00'], ...d });

test('B6 over 100 mg a day is a caution, exactly 100 is not', () => {
  assert.deepEqual(b6Findings([{ id: 'a', data: item() }, { id: 'b', data: item({ name: 'Vitamin B6' }) }], TODAY), []);
  const f = b6Findings([{ id: 'a', data: item({ times: ['08:00', '20:00'] }) }, { id: 'b', data: item({ name: 'pyridoxine', dose: 25 }) }], TODAY);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /125 mg/);
});

test('NSAIDs on most logged days, matching the server rule', () => {
  const days = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [daysBefore(TODAY, i), i < 8 ? 1 : 0]));
  assert.match(nsaidFindings(days, TODAY)[0].message, /8 of the 14 days/);
  const half = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [daysBefore(TODAY, i), i % 2]));
  assert.deepEqual(nsaidFindings(half, TODAY), []);
});

test('prescription without prescriber, and all checks together', () => {
  const ldn = { id: 'x', data: { name: 'Low-dose naltrexone', prescription: true, prescriber: ' ' } };
  assert.equal(prescriberFindings([ldn], TODAY).length, 1);
  assert.deepEqual(safetyFindings([{ id: 'a', data: item({ dose: 150 }) }, ldn], {}, TODAY).map((f) => f.kind), ['b6_high', 'prescriber_missing']);
});
