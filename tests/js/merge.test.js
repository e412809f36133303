// Last-writer-wins: updated_at first, device_id breaks ties; server authority without local edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, resolve, instantMs } from '../../pwa/js/domain/merge.js';

const v = (updated_at, device_id) => ({ updated_at, device_id });

test('the later write wins, whatever the offset notation', () => {
  assert.equal(compareVersions(v('2026-11-21T10:00:00.001Z', 'a'), v('2026-11-21T10:00:00.000Z', 'z')), 1);
  assert.equal(compareVersions(v('2026-11-21T11:00:00+01:00', 'a'), v('2026-11-21T10:00:00.500Z', 'a')), -1);
});

test('equal times fall back to device id, then count as the same write', () => {
  assert.equal(compareVersions(v('2026-11-21T10:00:00Z', 'b'), v('2026-11-21T10:00:00Z', 'a')), 1);
  assert.equal(compareVersions(v('2026-11-21T10:00:00Z', 'a'), v('2026-11-21T10:00:00.000+00:00', 'a')), 0);
  assert.equal(compareVersions(v('2026-11-21T10:00:00Z'), v('2026-11-21T10:00:00Z', 'a')), -1);
});

test('garbage timestamps sort oldest instead of throwing', () => {
  assert.equal(instantMs('not a date'), -Infinity);
  assert.equal(compareVersions(v('nope', 'z'), v('2026-01-01T00:00:00Z', 'a')), -1);
});

test('without a pending local edit the server version is taken', () => {
  assert.equal(resolve(undefined, v('2000-01-01T00:00:00Z', 'x')), 'take-remote');
});

test('a pending local edit survives an older server version and yields to a newer one', () => {
  const mine = v('2026-11-21T10:00:05Z', 'me');
  assert.equal(resolve(mine, v('2026-11-21T10:00:04Z', 'other')), 'keep-local');
  assert.equal(resolve(mine, v('2026-11-21T10:00:06Z', 'other')), 'take-remote-drop-pending');
  assert.equal(resolve(mine, v('2026-11-21T10:00:05Z', 'me')), 'take-remote-drop-pending');
});
