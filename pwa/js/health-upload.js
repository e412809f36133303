// @ts-check
/**
 * Uploading a health export in chunks (POST /api/imports, PUT …/content, POST …/finish),
 * resuming after a dropped connection, then following the server while it reads the file.
 * The upload in progress is remembered on this device, so after a reload choosing the
 * same file again continues from where the server is. No DOM here.
 */
import { api, ApiError } from './api.js';
import { getMeta, setMeta } from './store.js';

const PENDING = 'health_import_upload';
const POLL_MS = 1000;
const CHUNK_TIMEOUT_MS = 120_000; // a 2 MB chunk on a slow mobile connection
const MAX_WAIT_MS = 30_000;

/** @typedef {import('./domain/health-import.js').ImportRecord} ImportRecord */
/** @typedef {import('./domain/health-import.js').PendingUpload} PendingUpload */
/**
 * @typedef {object} UploadEvents
 * @property {(record: ImportRecord) => void} progress  after every chunk and every status poll
 * @property {(waiting: boolean) => void} [connection]  true while waiting for the connection to come back
 * @property {AbortSignal} [signal]  stops the upload (the server keeps what it has)
 */

/** The interrupted upload remembered on this device, if any. @returns {Promise<PendingUpload | undefined>} */
export const pendingUpload = () => getMeta(PENDING);

/** Forget the remembered upload. */
export const forgetUpload = () => setMeta(PENDING, undefined);

/**
 * Upload `file` (continuing upload `resumeId` when given) and wait until it is read.
 * Resolves with the finished import; rejects with ApiError when the server refuses the
 * file (its message says why) or the upload is aborted.
 * @param {File} file
 * @param {UploadEvents} events
 * @param {string} [resumeId]
 * @returns {Promise<ImportRecord>}
 */
export async function uploadExport(file, events, resumeId) {
  let record = resumeId
    ? await patiently(() => api(`/api/imports/${resumeId}`), events)
    : await api('/api/imports', { method: 'POST', body: { filename: file.name, size: file.size } });
  await setMeta(PENDING, { id: record.id, name: file.name, size: file.size, lastModified: file.lastModified });
  events.progress(record);
  while (record.state === 'uploading' && record.received < record.size) {
    record = await sendChunk(file, record, events);
    events.progress(record);
  }
  record = await patiently(() => api(`/api/imports/${record.id}/finish`, { method: 'POST', timeoutMs: 60_000 }), events);
  await forgetUpload();
  return follow(record, events);
}

/**
 * The next chunk from where the server is; on a 409 (the server has a different count),
 * ask where it is and carry on from there.
 * @param {File} file @param {ImportRecord} record @param {UploadEvents} events
 */
async function sendChunk(file, record, events) {
  const offset = record.received;
  const body = file.slice(offset, offset + record.chunk_size);
  try {
    return await patiently(() => api(`/api/imports/${record.id}/content?offset=${offset}`,
      { method: 'PUT', body, timeoutMs: CHUNK_TIMEOUT_MS }), events);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return api(`/api/imports/${record.id}`);
    throw err;
  }
}

/**
 * Follow the server while it reads the file, until it is done (or refused it).
 * @param {ImportRecord} record @param {UploadEvents} events
 */
async function follow(record, events) {
  while (record.state === 'processing') {
    events.progress(record);
    await wait(POLL_MS, events.signal, false);
    record = await patiently(() => api(`/api/imports/${record.id}`), events);
  }
  if (record.state === 'failed') throw new ApiError(422, record.error ?? 'This file could not be read.');
  events.progress(record);
  return record;
}

/**
 * Call `request` until it gets an answer: a lost connection (status 0) is waited out with
 * growing pauses, or until the browser says it is back online; any answer is returned or thrown.
 * @template T
 * @param {() => Promise<T>} request
 * @param {UploadEvents} events
 * @returns {Promise<T>}
 */
async function patiently(request, events) {
  for (let pause = 1000; ; pause = Math.min(pause * 2, MAX_WAIT_MS)) {
    if (events.signal?.aborted) throw new ApiError(0, 'The upload was stopped.');
    try {
      const answer = await request();
      events.connection?.(false);
      return answer;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 0) throw err;
      events.connection?.(true);
      await wait(pause, events.signal);
    }
  }
}

/**
 * Wait `ms`, or less: until aborted, or (when `online` is true) until the browser says the
 * connection is back.
 * @param {number} ms @param {AbortSignal} [signal] @param {boolean} [online]
 */
function wait(ms, signal, online = true) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      signal?.removeEventListener('abort', done);
      resolve(undefined);
    };
    const timer = setTimeout(done, ms);
    if (online) window.addEventListener('online', done);
    signal?.addEventListener('abort', done);
  });
}
