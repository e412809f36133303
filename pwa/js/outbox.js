// @ts-check
/**
 * Local records and their outbox: every save lands in IndexedDB first (one transaction for
 * the record and its queued change), so it is safe and shown at once; sync.js sends it later.
 */
import { tx, req } from './store.js';
import { enqueue, keyOf, isSendable } from './domain/outbox-book.js';
import { instantMs } from './domain/merge.js';
import { emit } from './events.js';

/**
 * @typedef {object} LocalRecord
 * @property {string} type
 * @property {string} id
 * @property {string} updated_at
 * @property {string} [device_id]
 * @property {boolean} deleted
 * @property {Record<string, any>} data
 * @property {'pending'|'synced'|'rejected'} state
 * @property {Record<string, string[]>} [errors]  why the server rejected it
 */

/**
 * A write time later than the version it replaces, so a local edit is never outvoted by a
 * copy whose clock ran ahead.
 * @param {LocalRecord | undefined} previous
 */
function writeTime(previous) {
  const now = Date.now();
  const after = previous ? instantMs(previous.updated_at) + 1 : now;
  return new Date(Math.max(now, after)).toISOString();
}

/**
 * Store a version locally and queue it for the server. Resolves once both are committed.
 * @param {string} type
 * @param {string} id
 * @param {(previous: LocalRecord | undefined) => {data: object, deleted: boolean}} next
 */
async function write(type, id, next) {
  await tx(['records', 'outbox', 'meta'], 'readwrite', async (s) => {
    const device_id = await req(s.meta.get('device_id'));
    const previous = await req(s.records.get([type, id]));
    const queued = await req(s.outbox.get(keyOf(type, id)));
    const { data, deleted } = next(previous);
    const updated_at = writeTime(previous);
    s.outbox.put(enqueue(queued, { type, id, updated_at, deleted, data }, Date.now()));
    s.records.put({ type, id, updated_at, device_id, deleted, data, state: 'pending' });
  });
  emit('records-changed', { types: [type] });
}

/**
 * Save a new record or a new version of one. Returns its id.
 * @param {string} type
 * @param {object} data
 * @param {string} [id]  omit to create (a client UUID)
 */
export async function saveRecord(type, data, id = crypto.randomUUID()) {
  await write(type, id, () => ({ data, deleted: false }));
  return id;
}

/**
 * Delete a record: a tombstone, queued like any edit (it keeps its last data).
 * @param {string} type
 * @param {string} id
 */
export async function removeRecord(type, id) {
  await write(type, id, (previous) => ({ data: previous?.data ?? {}, deleted: true }));
}

/**
 * The live (not deleted) local records of a type, most recently written first.
 * @param {string} type
 * @returns {Promise<LocalRecord[]>}
 */
export async function listRecords(type) {
  const all = await tx(['records'], 'readonly', (s) => req(s.records.index('by_type').getAll(type)));
  return all.filter((r) => !r.deleted).sort((a, b) => instantMs(b.updated_at) - instantMs(a.updated_at));
}

/**
 * One local record (deleted ones too), or undefined.
 * @param {string} type
 * @param {string} id
 * @returns {Promise<LocalRecord | undefined>}
 */
export const getRecord = (type, id) => tx(['records'], 'readonly', (s) => req(s.records.get([type, id])));

/** Counts for the sync indicator: waiting to be sent, and parked after a rejection. */
export async function outboxCounts() {
  const all = await tx(['outbox'], 'readonly', (s) => req(s.outbox.getAll()));
  const pending = all.filter(isSendable).length;
  return { pending, rejected: all.length - pending };
}

/**
 * Offer every parked (rejected) entry to the server once more. Called at start-up: a server
 * upgrade may accept what it refused (a record type it did not know yet, a widened range),
 * and a repeat rejection costs one round trip.
 */
export async function retryRejected() {
  await tx(['outbox'], 'readwrite', async (s) => {
    for (const e of await req(s.outbox.getAll())) {
      if (!isSendable(e)) s.outbox.put({ ...e, rejected_rev: undefined });
    }
  });
}
