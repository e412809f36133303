import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueOn, medicationEntry, eveningItems, itemFromTemplate, TEMPLATES, planProblems } from '../../pwa/js/domain/protocol.js';
import { safetyFindings, findingsNew } from '../../pwa/js/domain/safety.js';

const LDN = { start: 1.5, step: 0.5, every_days: 7, max: 4.5 };

test('due rows: one per time, stopped items skipped, titrated dose', () => {
  const recs = [
    { id: 'a', data: { name: 'PEA', dose: 600, unit: 'mg', times: ['20:00', '08:00'] } },
    { id: 'b', data: { name: 'LDN', unit: 'mg', times: ['22:00'], start: '2026-03-02', titration: LDN } },
    { id: 'c', data: { name: 'Old', dose: 1, unit: 'mg', stop: '2026-03-01' } },
  ];
  const rows = dueOn(recs, '2026-03-16');
  assert.deepEqual(rows.map((r) => [r.id, r.time, r.dose]), [['a', '08:00', 600], ['a', '20:00', 600], ['b', '22:00', 2.5]]);
  assert.deepEqual(eveningItems(recs, '2026-03-16').map((r) => r.id), ['a', 'b']);
});

test('medication entry converts mass units to mg', () => {
  assert.deepEqual(medicationEntry({ name: 'Methylcobalamin', unit: 'mcg' }, 5000), { name: 'Methylcobalamin', dose_mg: 5 });
  assert.deepEqual(medicationEntry({ name: 'Omega-3', unit: 'g' }, 3), { name: 'Omega-3', dose_mg: 3000 });
  assert.deepEqual(medicationEntry({ name: 'Drops', unit: 'drops' }, 2), { name: 'Drops (2 drops)' });
  assert.deepEqual(medicationEntry({ name: 'SPMs', unit: null }, null), { name: 'SPMs' });
});

test('a template never fills in a dose, and carries the source\'s basis and plan', () => {
  for (const t of TEMPLATES) assert.equal(itemFromTemplate(t).dose, null);
  const ldn = itemFromTemplate(TEMPLATES.find((t) => t.key === 'ldn'));
  assert.deepEqual(ldn.titration, LDN);
  assert.equal(ldn.prescription, true);
  assert.equal(itemFromTemplate(TEMPLATES.find((t) => t.key === 'mg_threonate')).basis, 'compound');
  assert.equal(itemFromTemplate(TEMPLATES.find((t) => t.key === 'mg_glycinate')).basis, null);
});

test('a titration plan\'s problems are said in words', () => {
  assert.match(planProblems({ start: 1.5, step: 0.5, every_days: 1.5, max: 4.5 }).join(' '), /whole number/);
  assert.match(planProblems({ start: 1.5, step: -0.5, every_days: 7, max: 4.5 }).join(' '), /towards the final dose/);
});

test('pain before and after an item starts, with too little data said plainly', async () => {
  const { painBeforeAfter } = await import('../../pwa/js/domain/protocol.js');
  const day = (iso, pain) => ({ data: { at: `${iso}T09:00:00+00:00`, pain } });
  const recs = [];
  for (let i = 1; i <= 10; i += 1) recs.push(day(`2026-02-${String(10 + i).padStart(2, '0')}`, 6));
  for (let i = 1; i <= 6; i += 1) recs.push(day(`2026-03-0${i}`, 4), day(`2026-03-0${i}`, 2));
  const r = painBeforeAfter(recs, '2026-03-01', (iso) => iso.slice(0, 10), '2026-03-20');
  assert.deepEqual(r.before, { mean: 6, days: 10 });
  assert.deepEqual(r.after, { mean: 3, days: 6 });
  const early = painBeforeAfter(recs, '2026-03-01', (iso) => iso.slice(0, 10), '2026-03-03');
  assert.equal(early.after, null);
});

test('a medicine named in a check-in brings its interaction note once, however it is written', () => {
  const today = '2026-05-20';
  const items = [{ id: 'ldn', data: { name: 'My evening capsule', template: 'ldn', dose: 1.5, unit: 'mg' } }]; // no prescription flag
  const earlier = [{ date: '2026-05-18', medications: [{ name: 'Paracetamol' }], nsaid_doses: 0 }];
  const before = safetyFindings(items, earlier, [], today);
  const draft = { date: today, medications: [{ name: 'Tramadol50mg' }], nsaid_doses: 0 };
  const after = safetyFindings(items, [...earlier, draft], [], today);
  assert.deepEqual(findingsNew(before, after).map((f) => f.kind), ['ldn_opioids']);
  assert.deepEqual(findingsNew(before, after)[0].involves, ['My evening capsule', 'Tramadol50mg']);
  // Named again the next day: nothing new to say (the protocol screen keeps showing it).
  const next = safetyFindings(items, [...earlier, draft, { ...draft, date: '2026-05-21' }], [], '2026-05-21');
  assert.deepEqual(findingsNew(safetyFindings(items, [...earlier, draft], [], '2026-05-21'), next), []);
  // A medicine that interacts with nothing here brings nothing.
  assert.deepEqual(findingsNew(before, safetyFindings(items, [...earlier, { ...draft, medications: [{ name: 'Vitamin C' }] }], [], today)), []);
});
