// Server versions decide conflicts: a local edit names the version it was made on; clocks only sort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseOf, resolve, instantMs } from '../../pwa/js/domain/merge.js';

test('garbage timestamps sort oldest instead of throwing', () => {
  assert.equal(instantMs('not a date'), -Infinity);
  assert.ok(instantMs('2026-11-21T11:00:00+01:00') === instantMs('2026-11-21T10:00:00Z'));
});

test('without a pending local edit the server version is taken; with one it is kept for the server to decide', () => {
  assert.equal(resolve(undefined), 'take-remote');
  assert.equal(resolve({ change: {} }), 'keep-local');
});

test('an edit is made on the version the server last sent, with that version\'s data', () => {
  assert.deepEqual(baseOf(undefined, { version: 7, data: { pain: 3 } }), { base_version: 7, base: { pain: 3 } });
  assert.deepEqual(baseOf(undefined, undefined), { base_version: null, base: null });
  assert.deepEqual(baseOf(undefined, { data: { pain: 3 } }), { base_version: null, base: null });
});

test('a second edit before the first is sent keeps the first one\'s base', () => {
  const queued = { change: { base_version: 4, base: { pain: 1 } } };
  assert.deepEqual(baseOf(queued, { version: 4, data: { pain: 2 } }), { base_version: 4, base: { pain: 1 } });
});

test('editing a tombstone restores it from the tombstone\'s version', () => {
  assert.deepEqual(baseOf(undefined, { version: 9, deleted: true, data: {} }), { base_version: 9, base: null });
});
