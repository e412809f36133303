// @ts-check
/** Last-writer-wins between two versions of one synced record: updated_at, then device_id. */

/**
 * @typedef {object} Version
 * @property {string} updated_at  ISO 8601 instant
 * @property {string} [device_id]  tie-break; missing sorts lowest
 */

/**
 * Milliseconds since the epoch of an ISO instant; NaN-safe (bad input sorts oldest).
 * @param {string | undefined} iso
 */
export function instantMs(iso) {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * Order two versions: > 0 when `a` is the later write, < 0 when `b` is, 0 when they are the same write.
 * @param {Version} a
 * @param {Version} b
 */
export function compareVersions(a, b) {
  const dt = instantMs(a.updated_at) - instantMs(b.updated_at);
  if (dt !== 0) return dt > 0 ? 1 : -1;
  const da = a.device_id ?? '';
  const db = b.device_id ?? '';
  return da === db ? 0 : da > db ? 1 : -1;
}

/**
 * How to apply one server change to the local copy.
 * The server is the authority for a record without local edits; against a pending local
 * edit (queued or in flight), the later write wins, so two devices converge on the later edit.
 * @param {Version | undefined} pending  the queued local version, if any
 * @param {Version} remote
 * @returns {'take-remote' | 'take-remote-drop-pending' | 'keep-local'}
 */
export function resolve(pending, remote) {
  if (!pending) return 'take-remote';
  return compareVersions(remote, pending) >= 0 ? 'take-remote-drop-pending' : 'keep-local';
}
