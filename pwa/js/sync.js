// @ts-check
/**
 * The sync loop (POST /api/sync, docs/sync.md): send queued changes in batches, settle the
 * outbox by the response, merge the server's changes, page with cursor/has_more.
 * Read, then network, then write — three separate transactions.
 */
import { tx, req } from './store.js';
import { api, hasToken, sessionEpoch, ApiError } from './api.js';
import { nextBatch, plan } from './domain/outbox-book.js';
import { outboxCounts } from './outbox.js';
import { emit } from './events.js';

const BATCH = 500; // the server takes up to 1,000 per request; fewer, larger requests finish a long offline backlog sooner
const MAX_ROUNDS = 100;

/**
 * @typedef {import('./domain/outbox-book.js').Sent} Sent
 * @typedef {{type: string, id: string, version?: number, updated_at: string, deleted: boolean, data: object}} Change
 * @typedef {import('./domain/outbox-book.js').SyncResponse & {cursor: any, changes: Change[], has_more: boolean}} SyncResponse
 * @typedef {{pending: number, rejected: number, running: boolean, last_success: string|null, last_error: string|null, last_error_kind?: 'offline'|'auth'|'error'|null}} SyncState
 */

// Records synced before the server named versions lack one: pull everything once to learn them.
const PROTOCOL = 2;

/** What one request sends: the oldest queued changes, with the cursor and this device's id. */
function readBatch() {
  return tx(['outbox', 'meta'], 'readonly', async (s) => ({
    sent: nextBatch(await req(s.outbox.getAll()), BATCH),
    cursor: (await req(s.meta.get('sync_protocol'))) === PROTOCOL ? (await req(s.meta.get('cursor'))) ?? 0 : 0,
    device_id: await req(s.meta.get('device_id')),
  }));
}

/**
 * @param {IDBObjectStore} records
 * @param {string} type
 * @param {string} id
 * @param {object} patch
 */
async function patchRecord(records, type, id, patch) {
  const rec = await req(records.get([type, id]));
  if (rec) records.put({ ...rec, errors: undefined, ...patch });
}

/**
 * Apply a response in one transaction (decisions come from the pure `plan`); returns the
 * record types that changed.
 * @param {Sent[]} sent
 * @param {SyncResponse} res
 */
function applyResponse(sent, res) {
  return tx(['records', 'outbox', 'meta'], 'readwrite', async (s) => {
    const current = new Map((await req(s.outbox.getAll())).map((e) => [e.key, e]));
    const { remove, reject, rebase, take, conflicts } = plan(sent, res, current);
    for (const key of remove) {
      s.outbox.delete(key);
      const { type, id } = /** @type {any} */ (current.get(key)).change;
      await patchRecord(s.records, type, id, { state: 'synced', conflict: undefined, version: res.versions?.[id] });
    }
    for (const r of rebase) {
      const entry = /** @type {any} */ (current.get(r.key));
      s.outbox.put({ ...entry, change: { ...entry.change, base_version: r.base_version, base: r.base } });
    }
    for (const entry of reject) {
      s.outbox.put(entry);
      await patchRecord(s.records, entry.change.type, entry.change.id, { state: 'rejected', errors: entry.errors });
    }
    for (const c of take) {
      const { id: _ignored, ...data } = /** @type {any} */ (c.data ?? {});
      s.records.put({ type: c.type, id: c.id, version: c.version, updated_at: c.updated_at,
        deleted: Boolean(c.deleted), data, state: 'synced' });
    }
    for (const c of conflicts) {
      const { type, id } = /** @type {any} */ (current.get(c.key)).change;
      await patchRecord(s.records, type, id, { conflict: { fields: c.fields, mine: c.mine, deleted: c.deleted } });
    }
    s.meta.put(res.cursor, 'cursor');
    s.meta.put(PROTOCOL, 'sync_protocol');
    return [...new Set([...sent, ...take.map((change) => ({ change }))].map((x) => x.change.type))];
  });
}

/** One request/response round; resolves true when another round is needed. */
async function round() {
  const epoch = sessionEpoch();
  const { sent, cursor, device_id } = await readBatch();
  /** @type {SyncResponse} */
  const res = await api('/api/sync', {
    method: 'POST', body: { device_id, cursor, changes: sent.map((x) => x.change) },
  });
  if (epoch !== sessionEpoch()) return false; // signed out meanwhile: this answer belongs to nobody here
  const types = await applyResponse(sent, res);
  if (types.length) emit('records-changed', { types });
  return Boolean(res.has_more) || sent.length === BATCH;
}

/** @param {unknown} err */
function describe(err) {
  if (err instanceof ApiError && err.status === 0) return 'Offline — entries are kept on this device and will be sent later.';
  if (err instanceof ApiError && err.status === 401) return 'Please sign in again to sync.';
  return err instanceof Error ? err.message : String(err);
}

/** Current indicator figures. @returns {Promise<SyncState>} */
export async function syncState() {
  const stored = (await tx(['meta'], 'readonly', (s) => req(s.meta.get('sync_state')))) ?? {};
  return { last_success: null, last_error: null, ...stored, ...(await outboxCounts()), running: inFlight !== null };
}

/** @param {object} patch */
async function saveState(patch) {
  await tx(['meta'], 'readwrite', async (s) => {
    const prev = (await req(s.meta.get('sync_state'))) ?? {};
    s.meta.put({ ...prev, ...patch }, 'sync_state');
  });
  emit('sync-state', await syncState());
}

async function syncAll() {
  if (!hasToken()) return;
  emit('sync-state', await syncState());
  try {
    for (let i = 0; i < MAX_ROUNDS && (await round()); i++);
    await saveState({ last_success: new Date().toISOString(), last_error: null, last_error_kind: null });
  } catch (err) {
    const status = err instanceof ApiError ? err.status : -1;
    const kind = status === 0 ? 'offline' : status === 401 ? 'auth' : 'error';
    await saveState({ last_error: describe(err), last_error_kind: kind, last_error_at: new Date().toISOString() });
  }
}

/** @type {Promise<void> | null} */
let inFlight = null;
let again = false;

/** @param {() => Promise<void>} fn */
function exclusive(fn) {
  // The service worker syncs too (Background Sync); a shared lock keeps one sync at a time.
  return navigator.locks ? navigator.locks.request('emberwise-sync', fn) : fn();
}

/**
 * Sync now; a call while a sync runs schedules one more round after it (single flight).
 * Never rejects: the outcome is in syncState().
 */
export function syncNow() {
  if (inFlight) { again = true; return inFlight; }
  inFlight = (async () => {
    try {
      do { again = false; await exclusive(syncAll); } while (again);
    } finally {
      inFlight = null;
      emit('sync-state', await syncState());
    }
  })();
  return inFlight;
}

/** Ask the browser to run a sync when connectivity returns, even if the page is closed. */
export async function requestBackgroundSync() {
  try {
    const reg = /** @type {any} */ (await navigator.serviceWorker?.ready);
    await reg?.sync?.register('outbox');
  } catch { /* Background Sync missing or denied: the page syncs on open and on "online" */ }
}
