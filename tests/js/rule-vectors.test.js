// The shared rule vectors (tests/vectors/*.json) run against the PWA's evaluators;
// tests/unit/test_rule_vectors.py runs the same files against the server's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { safetyFindings, findingsAdded, dailyMg } from '../../pwa/js/domain/safety.js';
import { medicationEntry } from '../../pwa/js/domain/protocol.js';
import { substancesIn } from '../../pwa/js/domain/substances.js';
import { currentTolerance, proposedBaseline, budgetOn, boomCheck, restBreakAfter, daysBefore } from '../../pwa/js/domain/pacing.js';
import { doseOn, planProblems } from '../../pwa/js/domain/protocol.js';
import { convert, assess } from '../../pwa/js/domain/labs.js';
import { validateRule } from '../../pwa/js/domain/reminder-rules.js';
import { todayIn } from '../../pwa/js/domain/day-words.js';

const vectors = (name) => JSON.parse(readFileSync(new URL(`../vectors/${name}.json`, import.meta.url), 'utf8'));

const SAFETY = vectors('safety');
const run = (c, items = c.items) => safetyFindings(items, c.checkins, c.conditions, c.today);

for (const c of SAFETY.cases) {
  test(`safety: ${c.name}`, () => {
    const found = run(c);
    assert.deepEqual(found.map((f) => f.kind), c.expect.map((e) => e.kind));
    found.forEach((f, i) => {
      const e = c.expect[i];
      if (e.item_ids) assert.deepEqual(f.item_ids, e.item_ids);
      if (e.involves) assert.deepEqual(f.involves, e.involves);
      if (e.severity) assert.equal(f.severity, e.severity); // avoid, take care, or note
      for (const fragment of e.text ?? []) assert.ok(`${f.title} ${f.message}`.includes(fragment), `${fragment} in ${f.title} ${f.message}`);
      assert.ok(f.action.includes('prescriber') || f.message.includes('prescriber'));
    });
  });
}

for (const c of SAFETY.added) {
  test(`safety, adding an item: ${c.name}`, () => {
    const after = run(c, [...c.items.filter((i) => i.id !== c.candidate.id), c.candidate]);
    assert.deepEqual(findingsAdded(run(c), after, c.candidate.id).map((f) => f.kind), c.expect);
  });
}

test('names are recognised as the server recognises them', () => {
  for (const c of SAFETY.substances) assert.deepEqual(substancesIn(c.name), c.expect, c.name);
});

const PACING = vectors('pacing');

test('pacing: tolerance and proposed baseline', () => {
  for (const c of PACING.tolerance) assert.equal(currentTolerance(c.daily, c.today), c.expect, c.name);
  for (const c of PACING.baseline) assert.equal(proposedBaseline(c.daily, c.today), c.expect, c.name);
});

test('pacing: budget by week', () => {
  for (const c of PACING.budget) assert.equal(budgetOn(c.baseline, c.start, c.on, c.weekly, c.hold), c.expect, c.name);
});

test('pacing: boom check', () => {
  for (const c of PACING.boom) {
    const b = boomCheck(c.daily, c.today, c.minutes);
    const e = c.expect;
    assert.deepEqual([b.boom, b.aboveLongest, b.longest], [e.boom, e.above_longest, e.longest], c.name);
    if ('ratio' in e) assert.equal(b.ratio, e.ratio, c.name);
    if (e.ratio_between) assert.ok(b.ratio > e.ratio_between[0] && b.ratio < e.ratio_between[1], `${c.name}: ${b.ratio}`);
    for (const fragment of e.text) assert.ok(b.message.includes(fragment), `${c.name}: ${fragment} in ${b.message}`);
    assert.equal(!!b.message, b.boom, c.name);
  }
});

test('pacing: rest break', () => {
  for (const [budget, expect] of PACING.rest_break) assert.equal(restBreakAfter(budget), expect, String(budget));
});

const TITRATION = vectors('titration');

test('titration: the dose on a date', () => {
  for (const c of TITRATION.dose_on) assert.equal(doseOn(c.plan, c.start, daysBefore(c.start, -c.days)), c.expect, c.name);
});

test('titration: plans accepted and refused', () => {
  for (const plan of TITRATION.valid) assert.deepEqual(planProblems(plan), [], JSON.stringify(plan));
  for (const c of TITRATION.invalid) assert.ok(planProblems(c.plan).length > 0, c.name);
});

const LABS = vectors('labs');

test('labs: unit conversion', () => {
  for (const c of LABS.convert) {
    const got = convert(c.test, c.value, c.from, c.to);
    if (c.expect === null) assert.equal(got, null, JSON.stringify(c));
    else assert.ok(Math.abs(got - c.expect) < 1e-3, `${JSON.stringify(c)}: ${got}`);
  }
});

test('labs: a result against the lab range and the functional-medicine target', () => {
  for (const c of LABS.assess) {
    const a = assess({ date: '2026-01-01', ...c.result });
    assert.deepEqual({ reference: a.reference, optimal: a.optimal }, c.expect, c.name);
  }
});

test('dose units: milligrams a day, and the check-in entry a dose makes', () => {
  for (const c of LABS.dose_mg) {
    const got = dailyMg(c.item, '2026-05-20');
    if (c.expect === null) assert.equal(got, null, c.name);
    else assert.ok(Math.abs(got - c.expect) < 1e-9, `${c.name}: ${got}`);
    const entry = medicationEntry(c.item, c.item.dose ?? null);
    const once = c.expect === null ? undefined : c.expect / Math.max(1, c.item.times.length);
    assert.equal(entry.dose_mg, once, `${c.name}: ${JSON.stringify(entry)}`);
  }
});

const REMINDER_RULES = vectors('reminder_rules');

for (const c of REMINDER_RULES.cases) {
  test(`reminder rules: ${c.name}`, () => {
    // the fields the PWA's form check names are the ones the server's schema finds wrong
    assert.deepEqual(Object.keys(validateRule(c.rule)).sort(), c.errors);
  });
}

for (const c of vectors('today').cases) {
  test(`today in the person's zone: ${c.name}`, () => {
    assert.equal(todayIn(c.zone, new Date(c.now)), c.today);
  });
}
