// @ts-check
/**
 * Tiny IndexedDB wrapper (after idb-keyval): one cached open promise, requests as promises,
 * transactions as async functions. Never await a fetch inside `tx`: the transaction would
 * close under it (read, then network, then write — in separate transactions).
 *
 * Schema (also used by sw.js, keep in step):
 *   records  key [type, id]   {type, id, version?, updated_at, deleted, data, state, errors?, conflict?}
 *   outbox   key "type:id"    {key, rev, order, change, rejected_rev?, errors?}
 *   meta     out-of-line key  device_id, cursor, session, sync_state, ...
 */

export const DB_NAME = 'emberwise';
export const DB_VERSION = 1;

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

/**
 * Resolve when an IDB request succeeds, reject with its error.
 * @template T
 * @param {IDBRequest<T>} request
 * @returns {Promise<T>}
 */
export function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** @param {IDBDatabase} db */
function upgrade(db) {
  const records = db.createObjectStore('records', { keyPath: ['type', 'id'] });
  records.createIndex('by_type', 'type');
  db.createObjectStore('outbox', { keyPath: 'key' });
  const meta = db.createObjectStore('meta');
  meta.put(crypto.randomUUID(), 'device_id'); // stable for the life of this local database
}

/** Open (creating or upgrading) the database. */
function open() {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => upgrade(request.result);
  return req(request);
}

/** The shared connection, opened once. */
export function openDb() {
  if (!opening) {
    opening = open().then(async (db) => {
      if (!db.objectStoreNames.contains('records')) {
        // Created empty by someone else (nothing of ours can be in it): start it properly.
        db.close();
        await req(indexedDB.deleteDatabase(DB_NAME));
        db = await open();
      }
      db.onversionchange = () => { db.close(); opening = null; };
      return db;
    });
    opening.catch(() => { opening = null; });
  }
  return opening;
}

/**
 * @typedef {'records'|'outbox'|'meta'} StoreName
 * @typedef {Record<StoreName, IDBObjectStore>} Stores
 */

/**
 * Run `fn` in one transaction and resolve with its result once the transaction has committed.
 * `fn` may await IDB requests (via `req`) but nothing else.
 * @template T
 * @param {StoreName[]} names
 * @param {IDBTransactionMode} mode
 * @param {(stores: Stores) => Promise<T> | T} fn
 * @returns {Promise<T>}
 */
export async function tx(names, mode, fn) {
  const db = await openDb();
  const t = db.transaction(names, mode);
  const done = new Promise((resolve, reject) => {
    t.oncomplete = () => resolve(undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
  const stores = /** @type {Stores} */ (Object.fromEntries(names.map((n) => [n, t.objectStore(n)])));
  let result;
  try {
    result = await fn(stores);
  } catch (err) {
    try { t.abort(); } catch { /* already finished */ }
    throw err;
  }
  await done;
  return result;
}

/** @param {string} key */
export const getMeta = (key) => tx(['meta'], 'readonly', (s) => req(s.meta.get(key)));

/** @param {string} key @param {unknown} value */
export const setMeta = (key, value) => tx(['meta'], 'readwrite', (s) => req(s.meta.put(value, key)));

/** Close the connection and delete every local record (sign-out). */
export async function destroy() {
  if (opening) (await opening.catch(() => null))?.close();
  opening = null;
  await req(indexedDB.deleteDatabase(DB_NAME));
}
