// @ts-check
/**
 * Server versions, not clocks, decide between two edits of one record (docs/sync.md): a
 * local edit names the server version it was made on, and the server merges or reports.
 */

/**
 * Milliseconds since the epoch of an ISO instant; NaN-safe (bad input sorts oldest). For
 * showing and sorting by edit time only: it never decides a conflict.
 * @param {string | undefined} iso
 */
export function instantMs(iso) {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * @typedef {object} Base  what a local edit was made on
 * @property {number | null} base_version  the server version (null: a record new on this device)
 * @property {object | null} base  that version's data (null for a new record or a tombstone)
 *
 * @typedef {{version?: number, deleted?: boolean, data?: object}} Known  the local copy
 * @typedef {{change: Base}} Queued  the outbox entry waiting for this record, if any
 */

/**
 * The base of a new local edit: while an earlier edit still waits in the outbox the new one
 * replaces it on the same base; otherwise it is made on the copy the server last sent.
 * @param {Queued | undefined} queued
 * @param {Known | undefined} known
 * @returns {Base}
 */
export function baseOf(queued, known) {
  if (queued) return { base_version: queued.change.base_version ?? null, base: queued.change.base ?? null };
  if (known && typeof known.version === 'number') {
    return { base_version: known.version, base: known.deleted ? null : known.data ?? null };
  }
  return { base_version: null, base: null };
}

/**
 * How to apply one server change to the local copy. Without a pending local edit the
 * server's version is taken. A pending edit is kept and sent on its base: the server then
 * merges it or reports a conflict, and answers with the record as it stands.
 * @param {unknown} pending  the queued local version, if any
 * @returns {'take-remote' | 'keep-local'}
 */
export function resolve(pending) {
  return pending ? 'keep-local' : 'take-remote';
}
