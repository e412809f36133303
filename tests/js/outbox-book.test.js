// Outbox bookkeeping: revisions, batches, settling responses, and two devices converging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enqueue, nextBatch, settle, plan, keyOf, isSendable } from '../../pwa/js/domain/outbox-book.js';
import { baseOf } from '../../pwa/js/domain/merge.js';

const change = (id, updated_at, data = {}, deleted = false) => ({ type: 'checkin', id, updated_at, deleted, data });
const byKey = (...entries) => new Map(entries.map((e) => [e.key, e]));

test('an edit bumps the revision and keeps the queue position', () => {
  const first = enqueue(undefined, change('a', '2026-11-21T10:00:00Z'), 100);
  const second = enqueue(first, change('a', '2026-11-21T10:01:00Z', { pain: 3 }), 999);
  assert.equal(first.rev, 1);
  assert.equal(second.rev, 2);
  assert.equal(second.order, 100);
  assert.equal(second.key, keyOf('checkin', 'a'));
  assert.deepEqual(second.change.data, { pain: 3 });
});

test('batches go oldest first, up to the limit, skipping parked rejections', () => {
  const a = enqueue(undefined, change('a', 't'), 3);
  const b = enqueue(undefined, change('b', 't'), 1);
  const c = { ...enqueue(undefined, change('c', 't'), 2), rejected_rev: 1 };
  assert.deepEqual(nextBatch([a, b, c], 10).map((s) => s.change.id), ['b', 'a']);
  assert.deepEqual(nextBatch([a, b, c], 1).map((s) => s.change.id), ['b']);
});

test('an applied entry leaves; one edited while in flight stays', () => {
  const a = enqueue(undefined, change('a', 't1'), 1);
  const b = enqueue(undefined, change('b', 't1'), 2);
  const sent = nextBatch([a, b], 10);
  const bEdited = enqueue(b, change('b', 't2', { pain: 9 }), 5);
  const { remove, reject } = settle(sent, { applied: ['a', 'b'], rejected: [] }, byKey(a, bEdited));
  assert.deepEqual(remove, [keyOf('checkin', 'a')]);
  assert.deepEqual(reject, []);
});

test('an entry the server does not list stays queued (a lost or partial answer is retried)', () => {
  const a = enqueue(undefined, change('a', 't1'), 1);
  const { remove } = settle(nextBatch([a], 10), { applied: [], rejected: [] }, byKey(a));
  assert.deepEqual(remove, []);
});

test('a rejection parks that revision with its errors until the next edit', () => {
  const a = enqueue(undefined, change('a', 't1', { pain: 11 }), 1);
  const { reject } = settle(nextBatch([a], 10), { applied: [], rejected: [{ id: 'a', errors: { pain: ['too big'] } }] }, byKey(a));
  assert.equal(reject.length, 1);
  assert.equal(isSendable(reject[0]), false);
  assert.deepEqual(reject[0].errors, { pain: ['too big'] });
  const fixed = enqueue(reject[0], change('a', 't2', { pain: 7 }), 9);
  assert.equal(isSendable({ ...reject[0], ...fixed }), true);
});

test('a pending edit is kept against a pulled server version: the server decides when it arrives', () => {
  const mine = enqueue(undefined, change('a', '2026-11-21T10:00:05Z', { pain: 4 }), 1);
  const theirs = { ...change('a', '2026-11-21T10:00:09Z', { pain: 8 }), version: 3 };
  const p = plan([], { applied: [], rejected: [], changes: [theirs] }, byKey(mine));
  assert.deepEqual(p.take, []);
  assert.equal(plan([], { applied: [], rejected: [], changes: [theirs] }, byKey()).take.length, 1);
});

test('a conflict removes the entry, takes the server copy and keeps this device\'s values to offer back', () => {
  const mine = enqueue(undefined, { ...change('a', 't', { pain: 9 }), base_version: 1, base: { pain: 5 } }, 1);
  const server = { ...change('a', 't0', { pain: 2 }), version: 2 };
  const p = plan(nextBatch([mine], 10), { applied: [], rejected: [], changes: [server],
    conflicts: [{ type: 'checkin', id: 'a', version: 2, fields: ['pain'] }] }, byKey(mine));
  assert.deepEqual(p.remove, [mine.key]);
  assert.deepEqual(p.take, [server]);
  assert.deepEqual(p.conflicts, [{ key: mine.key, fields: ['pain'], mine: { pain: 9 }, deleted: false }]);
});

test('an edit made while its predecessor was in flight is rebased onto the version it got', () => {
  const first = enqueue(undefined, { ...change('a', 't1', { pain: 3 }), base_version: null, base: null }, 1);
  const sent = nextBatch([first], 10);
  const second = enqueue(first, { ...change('a', 't2', { pain: 4 }), base_version: null, base: null }, 9);
  const p = plan(sent, { applied: ['a'], versions: { a: 12 }, rejected: [] }, byKey(second));
  assert.deepEqual(p.remove, []);
  assert.deepEqual(p.rebase, [{ key: first.key, base_version: 12, base: { pain: 3 } }]);
});

/**
 * A small model of the server's rule (docs/sync.md; the real one is tested in
 * tests/sync/test_conflicts.py and the browser tests): versions, field merge, first arrival
 * kept on a field both sides changed, replays acknowledged, changes since a cursor.
 */
function fakeServer() {
  const rows = new Map();
  let seq = 0;
  return {
    rows,
    sync({ cursor, changes }) {
      const applied = [], conflicts = [], versions = {}, echo = [];
      for (const c of changes) {
        const old = rows.get(c.id);
        if (old && JSON.stringify(old.data) === JSON.stringify(c.data)) { applied.push(c.id); versions[c.id] = old.version; continue; }
        if (!old || c.base_version === old.version) {
          rows.set(c.id, { ...c, version: ++seq });
          applied.push(c.id); versions[c.id] = seq; continue;
        }
        const merged = { ...old.data }, kept = [];
        for (const f of new Set([...Object.keys(old.data), ...Object.keys(c.data)])) {
          const mine = c.data[f], theirs = old.data[f], base = c.base?.[f];
          if (mine === theirs || mine === base) continue;
          if (theirs === base) merged[f] = mine; else kept.push(f);
        }
        rows.set(c.id, { ...old, data: merged, version: ++seq });
        echo.push(c.id);
        if (kept.length) conflicts.push({ type: c.type, id: c.id, version: seq, fields: kept });
        else { applied.push(c.id); versions[c.id] = seq; }
      }
      const out = [...rows.values()].filter((r) => r.version > (cursor ?? 0) && (echo.includes(r.id) || !applied.includes(r.id)))
        .sort((a, b) => a.version - b.version);
      return { cursor: seq, applied, versions, conflicts, rejected: [], changes: out, has_more: false };
    },
  };
}

/** A device: local records + outbox driven only by the pure functions, like sync.js does. */
function device(id, server) {
  const outbox = new Map();
  const records = new Map();
  let cursor = 0;
  return {
    records,
    outbox,
    edit(recId, data) {
      const queued = outbox.get(keyOf('checkin', recId));
      const e = enqueue(queued, { ...change(recId, 't', data), ...baseOf(queued, records.get(recId)) }, outbox.size);
      outbox.set(e.key, e);
      records.set(recId, { ...records.get(recId), data });
    },
    sync({ loseResponse = false } = {}) {
      const sent = nextBatch([...outbox.values()], 100);
      const res = server.sync({ device_id: id, cursor, changes: sent.map((s) => s.change) });
      if (loseResponse) return;
      const p = plan(sent, res, outbox);
      for (const k of p.remove) {
        const rid = /** @type {any} */ (outbox.get(k)).change.id;
        outbox.delete(k);
        records.set(rid, { ...records.get(rid), version: res.versions[rid] ?? records.get(rid).version });
      }
      for (const c of p.take) records.set(c.id, { version: c.version, data: c.data });
      for (const c of p.conflicts) records.set(c.key.split(':')[1], { ...records.get(c.key.split(':')[1]), conflict: c });
      cursor = res.cursor;
    },
  };
}

test('two devices editing one entry offline converge, and the one whose value was not kept is told', () => {
  const server = fakeServer();
  const phone = device('phone', server);
  const tablet = device('tablet', server);
  phone.edit('x', { pain: 5, notes: 'a' });
  phone.sync();
  tablet.sync();
  phone.edit('x', { pain: 6, notes: 'a' });   // both offline now
  tablet.edit('x', { pain: 8, notes: 'b' });
  phone.sync();
  tablet.sync();
  phone.sync();
  assert.deepEqual(phone.records.get('x').data, { pain: 6, notes: 'b' });
  assert.deepEqual(tablet.records.get('x').data, { pain: 6, notes: 'b' });
  assert.deepEqual(tablet.records.get('x').conflict.fields, ['pain']);
  assert.equal(phone.outbox.size + tablet.outbox.size, 0);
  tablet.edit('x', { pain: 8, notes: 'b' });  // "Use mine": an edit on the version it now holds
  tablet.sync();
  phone.sync();
  assert.deepEqual(phone.records.get('x').data, { pain: 8, notes: 'b' });
});

test('a lost response is retried without making a second copy', () => {
  const server = fakeServer();
  const phone = device('phone', server);
  phone.edit('y', { pain: 3 });
  phone.sync({ loseResponse: true });
  assert.equal(phone.outbox.size, 1);
  phone.sync();
  assert.equal(phone.outbox.size, 0);
  assert.equal(server.rows.size, 1);
});
