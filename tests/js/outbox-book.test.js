// Outbox bookkeeping: revisions, batches, settling responses, and two devices converging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enqueue, nextBatch, settle, plan, keyOf, isSendable } from '../../pwa/js/domain/outbox-book.js';

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

test('a newer server version overrules a pending edit; an older one does not', () => {
  const mine = enqueue(undefined, change('a', '2026-11-21T10:00:05Z', { pain: 4 }), 1);
  const older = { ...change('a', '2026-11-21T10:00:01Z', { pain: 1 }), device_id: 'other' };
  const newer = { ...change('a', '2026-11-21T10:00:09Z', { pain: 8 }), device_id: 'other' };
  const keep = plan([], { applied: [], rejected: [], changes: [older] }, byKey(mine), 'me');
  assert.deepEqual([keep.take, keep.drop], [[], []]);
  const yieldTo = plan([], { applied: [], rejected: [], changes: [newer] }, byKey(mine), 'me');
  assert.deepEqual(yieldTo.take, [newer]);
  assert.deepEqual(yieldTo.drop, [mine.key]);
});

/** A server following DESIGN.md: LWW by (updated_at, device_id), idempotent, changes since cursor. */
function fakeServer() {
  const rows = new Map();
  let seq = 0;
  return {
    rows,
    sync({ device_id, cursor, changes }) {
      const applied = [];
      for (const c of changes) {
        const old = rows.get(c.id);
        const newer = !old || c.updated_at > old.updated_at || (c.updated_at === old.updated_at && device_id > old.device_id);
        if (newer) rows.set(c.id, { ...c, device_id, seq: ++seq });
        if (newer || (old.updated_at === c.updated_at && old.device_id === device_id)) applied.push(c.id);
      }
      const out = [...rows.values()].filter((r) => r.seq > (cursor ?? 0)).sort((a, b) => a.seq - b.seq);
      return { cursor: out.at(-1)?.seq ?? cursor ?? 0, applied, rejected: [], changes: out.map(({ seq: _s, ...r }) => r), has_more: false };
    },
  };
}

/** A device: local records + outbox driven only by the pure functions, like sync.js does. */
function device(id, server) {
  const outbox = new Map();
  const records = new Map();
  let cursor = null;
  return {
    records,
    outbox,
    edit(recId, updated_at, data) {
      const e = enqueue(outbox.get(keyOf('checkin', recId)), change(recId, updated_at, data), outbox.size);
      outbox.set(e.key, e);
      records.set(recId, { updated_at, data });
    },
    sync({ loseResponse = false } = {}) {
      const sent = nextBatch([...outbox.values()], 100);
      const res = server.sync({ device_id: id, cursor, changes: sent.map((s) => s.change) });
      if (loseResponse) return;
      const p = plan(sent, res, outbox, id);
      for (const k of [...p.remove, ...p.drop]) outbox.delete(k);
      for (const c of p.take) records.set(c.id, { updated_at: c.updated_at, data: c.data });
      cursor = res.cursor;
    },
  };
}

test('two devices editing one entry offline converge on the later edit', () => {
  const server = fakeServer();
  const phone = device('phone', server);
  const tablet = device('tablet', server);
  phone.edit('x', '2026-11-21T08:00:00.000Z', { pain: 5 });
  phone.sync();
  tablet.sync();
  phone.edit('x', '2026-11-21T09:00:00.000Z', { pain: 6 });   // both offline now
  tablet.edit('x', '2026-11-21T09:30:00.000Z', { pain: 8 });
  tablet.sync();
  phone.sync();
  tablet.sync();
  assert.deepEqual(phone.records.get('x').data, { pain: 8 });
  assert.deepEqual(tablet.records.get('x').data, { pain: 8 });
  assert.equal(phone.outbox.size + tablet.outbox.size, 0);
});

test('a lost response is retried without making a second copy', () => {
  const server = fakeServer();
  const phone = device('phone', server);
  phone.edit('y', '2026-11-21T08:00:00.000Z', { pain: 3 });
  phone.sync({ loseResponse: true });
  assert.equal(phone.outbox.size, 1);
  phone.sync();
  assert.equal(phone.outbox.size, 0);
  assert.equal(server.rows.size, 1);
});
