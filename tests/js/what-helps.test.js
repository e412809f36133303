// "What helps" on synthetic people (docs/analysis.md §4a): a change is told only when the
// person's own other dates (placebo starts) or shifted practice days rarely give one as large.
// The generator is this file's own: AR(1) daily pain (persistence 0.5–0.85, so good and bad
// runs of weeks), rating noise, a tenth of days missed, an item started somewhere in the middle.
import test from 'node:test';
import assert from 'node:assert/strict';
import { beforeAfter, withWithout, compareTakeaway } from '../../pwa/js/domain/insights.js';

/** @param {number} seed */
function rng(seed) {
  let s = seed;
  const next = () => { s = (s * 48271) % 2147483647; return s / 2147483647; };
  const gauss = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return { next, gauss };
}

const iso = (/** @type {number} */ i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);

/**
 * One person's 180 days. `step`: change in pain from the start date on; `trend`: a drift per
 * day that was already going; `practice`: change in the next day's pain after a practice day;
 * `painDriven`: the practice is done mostly on bad days.
 * @param {number} seed
 * @param {{step?: number, trend?: number, practice?: number, painDriven?: boolean}} plant
 */
function person(seed, { step = 0, trend = 0, practice = 0, painDriven = false } = {}) {
  const r = rng(seed);
  const persistence = 0.5 + 0.35 * r.next();
  const shock = 0.7 + 0.6 * r.next();
  const start = 40 + Math.floor(r.next() * 100);
  let latent = 0;
  let didYesterday = false;
  /** @type {{date: string, pain_mean: number}[]} */
  const days = [];
  const did = new Set();
  for (let i = 0; i < 180; i++) {
    latent = persistence * latent + shock * r.gauss();
    const pain = Math.max(0, Math.min(10, 5 + trend * (i - 90) + latent + (i >= start ? step : 0) + (didYesterday ? practice : 0) + 0.6 * r.gauss()));
    didYesterday = painDriven ? r.next() < (pain > 5 ? 0.7 : 0.25) : r.next() < 0.45;
    if (didYesterday) did.add(iso(i));
    if (r.next() >= 0.1) days.push({ date: iso(i), pain_mean: Math.round(pain * 2) / 2 });
  }
  return { days, start: iso(start), did: (/** @type {string} */ d) => did.has(d) };
}

const told = (/** @type {string} */ sentence) => !/^(No clear|Not shown)/.test(sentence);

/**
 * How many of `n` people (seeds from `first`) are told a change, and in which direction.
 * @param {number} first
 * @param {number} n
 * @param {Parameters<typeof person>[1]} plant
 * @param {'started' | 'practice'} kind
 */
function tally(first, n, plant, kind) {
  let lower = 0;
  let higher = 0;
  for (let seed = first; seed < first + n; seed++) {
    const p = person(seed, plant);
    const c = kind === 'started' ? beforeAfter(p.days, p.start, 28) : withWithout(p.days, p.did);
    if (told(compareTakeaway(c, kind))) {
      if (/** @type {number} */ (c.diff) < 0) lower++; else higher++;
    }
  }
  return { lower, higher, any: lower + higher };
}

test('starting something that does nothing is rarely told as a change', () => {
  // A fixed half-point cut on the step told 70% of these people that their pain had changed.
  const { any } = tally(1000, 300, {}, 'started');
  assert.ok(any <= 24, `${any} of 300 told of a change`);
});

test('a recovery already under way is not credited to what was started', () => {
  const { any } = tally(2000, 200, { trend: -0.02 }, 'started');
  assert.ok(any <= 16, `${any} of 200 told of a change`);
});

test('a large real change at the start is told, in its direction', () => {
  // Small steps (1 point) drown in these people's week-to-week runs; 3 points stand out.
  const { lower, higher } = tally(3000, 100, { step: -3 }, 'started');
  assert.ok(lower >= 60, `${lower} of 100 told of lower pain`);
  assert.ok(higher <= 2, `${higher} told of higher pain`);
});

test('a practice that does nothing is rarely told as helping, even when it is done on bad days', () => {
  assert.ok(tally(4000, 300, {}, 'practice').any <= 24);
  assert.ok(tally(5000, 300, { painDriven: true }, 'practice').any <= 24);
});

test('a practice followed by less pain the next day is told', () => {
  const { lower, higher } = tally(6000, 100, { practice: -1 }, 'practice');
  assert.ok(lower >= 90, `${lower} of 100`);
  assert.equal(higher, 0);
});

test('with too little history around it a change is not judged at all', () => {
  // 20 days each side of the start and nothing else: too few other dates to compare it with.
  const days = Array.from({ length: 40 }, (_, i) => ({ date: iso(i), pain_mean: i < 20 ? 6 : 3 }));
  const c = beforeAfter(days, iso(20), 28);
  assert.ok(Math.abs(/** @type {number} */ (c.diff) + 3) < 1e-9);
  assert.equal(c.chance, null);
  assert.match(compareTakeaway(c, 'started'), /^Not shown yet: it needs more weeks/);
});
