import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, assess, position, bandText, series, labTest, CATALOGUE } from '../../pwa/js/domain/labs.js';
// Conversions and band positions are pinned by tests/vectors/labs.json (rule-vectors.test.js).

const near = (a, b, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

test('vitamin D and HbA1c conversions use the stated factors', () => {
  near(convert('vitamin_d', 124.8, 'nmol/L', 'ng/mL'), 50);
  near(convert('hba1c', 5.5, '%', 'mmol/mol'), (5.5 - 2.15) * 10.929);
  near(convert('hba1c', convert('hba1c', 6.1, '%', 'mmol/mol'), 'mmol/mol', '%'), 6.1);
  assert.equal(convert('fasting_insulin', 40, 'pmol/L', 'mIU/L'), null);
  assert.equal(convert('custom', 3, 'a', 'b'), null);
});

test('a vitamin D result is normal for the lab yet below the optimal band', () => {
  const a = assess({ test: 'vitamin_d', value: 100, unit: 'nmol/L', date: '2026-01-02', ref_low: 75, ref_high: 250 });
  assert.equal(a.reference, 'within');
  assert.equal(a.optimal, 'below');
  near(a.inOptimalUnit, 100 / 2.496);
  assert.match(a.optimalBand.source, /Le, PA-C/);
});

test('"below 1.0" excludes 1.0; no bands give nulls', () => {
  const crp = labTest('hs_crp').optimal;
  assert.equal(position(crp, 1.0), 'above');
  assert.equal(position(crp, 0.4), 'within');
  assert.equal(bandText(crp), 'below 1 mg/L');
  assert.equal(bandText(labTest('vitamin_d').optimal), '50–70 ng/mL');
  assert.deepEqual(assess({ test: 'esr', value: 9, unit: 'mm/h', date: '2026-01-01' }).reference, null);
});

test('series converts to one unit and orders by date', () => {
  const s = series([
    { test: 'vitamin_d', value: 40, unit: 'ng/mL', date: '2026-03-01' },
    { test: 'vitamin_d', value: 99.84, unit: 'nmol/L', date: '2026-01-01' },
    { test: 'hba1c', value: 5, unit: '%', date: '2026-02-01' },
  ], 'vitamin_d');
  assert.deepEqual(s.map((p) => p.date), ['2026-01-01', '2026-03-01']);
  near(s[0].value, 40);
});

test('catalogue has the seed\'s whole lab map, panels without targets, custom last', () => {
  const keys = CATALOGUE.map((t) => t.key);
  for (const k of ['hs_crp', 'esr', 'vitamin_d', 'magnesium_rbc', 'b12', 'mma', 'fasting_insulin', 'hba1c', 'tsh', 'free_t4', 'free_t3', 'omega3_index', 'ana', 'dutch', 'gi_map', 'oat', 'cytokines', 'custom']) assert.ok(keys.includes(k), k);
  assert.equal(keys.at(-1), 'custom');
  for (const t of CATALOGUE.filter((x) => x.panel)) assert.ok(t.optimal === null && t.markers.length && t.units.length === 0, t.key);
  assert.match(labTest('vitamin_d').optimal.label, /functional-medicine/i);
});
