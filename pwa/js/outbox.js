// @ts-check
/**
 * Local records and their outbox: every save lands in IndexedDB first (one transaction for
 * the record and its queued change), so it is safe and shown at once; sync.js sends it later.
 */
import { tx, req } from './store.js';
import { enqueue, keyOf, isSendable } from './domain/outbox-book.js';
import { instantMs, baseOf } from './domain/merge.js';
import { emit } from './events.js';

/**
 * @typedef {object} LocalRecord
 * @property {string} type
 * @property {string} id
 * @property {number} [version]  the server version this copy is, or was edited from
 * @property {string} updated_at  the edit time shown to the person (never decides a conflict)
 * @property {boolean} deleted
 * @property {Record<string, any>} data
 * @property {'pending'|'synced'|'rejected'} state
 * @property {Record<string, string[]>} [errors]  why the server rejected it
 * @property {{fields: string[], mine: Record<string, any>, deleted: boolean}} [conflict]
 *   a local edit made on an older version that the server did not keep in full: the
 *   fields where the other version stands, and this device's values, to offer back
 */

/**
 * The edit time to show: now, or just after the version it replaces when that copy's clock
 * ran ahead, so the list keeps the edit in its place.
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
    const previous = await req(s.records.get([type, id]));
    const queued = await req(s.outbox.get(keyOf(type, id)));
    const { data, deleted } = next(previous);
    const updated_at = writeTime(previous);
    const base = baseOf(queued, previous);
    s.outbox.put(enqueue(queued, { type, id, ...base, updated_at, deleted, data }, Date.now()));
    s.records.put({ type, id, version: previous?.version, updated_at, deleted, data, state: 'pending' });
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
 * Local records of a type, deleted ones too, that carry a conflict the server reported.
 * @param {string} type
 * @returns {Promise<LocalRecord[]>}
 */
export async function listConflicts(type) {
  const all = await tx(['records'], 'readonly', (s) => req(s.records.index('by_type').getAll(type)));
  return all.filter((r) => r.conflict);
}

/**
 * One local record (deleted ones too), or undefined.
 * @param {string} type
 * @param {string} id
 * @returns {Promise<LocalRecord | undefined>}
 */
export const getRecord = (type, id) => tx(['records'], 'readonly', (s) => req(s.records.get([type, id])));

/**
 * Keep the version the server holds after a conflict: forget this device's other values.
 * @param {string} type
 * @param {string} id
 */
export async function dismissConflict(type, id) {
  await tx(['records'], 'readwrite', async (s) => {
    const rec = await req(s.records.get([type, id]));
    if (rec) s.records.put({ ...rec, conflict: undefined });
  });
  emit('records-changed', { types: [type] });
}

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
