// @ts-check
/** Pure outbox bookkeeping: queue entries with revisions, pick a batch, settle a sync response. */
import { resolve } from './merge.js';

/**
 * @typedef {object} Change  one record version as sent to POST /api/sync
 * @property {string} type
 * @property {string} id
 * @property {string} updated_at
 * @property {boolean} deleted
 * @property {object} data
 *
 * @typedef {object} OutboxEntry
 * @property {string} key      `${type}:${id}`
 * @property {number} rev      bumped on every local edit; a response only settles the revision it answered
 * @property {number} order    queue position (kept across edits, like a replayed queue)
 * @property {Change} change
 * @property {number} [rejected_rev]  revision the server rejected; not resent until edited again
 * @property {object} [errors]
 *
 * @typedef {{key: string, rev: number, change: Change}} Sent
 *
 * @typedef {object} SyncResponse
 * @property {string[]} applied
 * @property {{id: string, errors: object}[]} rejected
 */

/** @param {string} type @param {string} id */
export const keyOf = (type, id) => `${type}:${id}`;

/**
 * The entry to store after a local edit: newest data, next revision, same queue position.
 * @param {OutboxEntry | undefined} existing
 * @param {Change} change
 * @param {number} order  position for a new entry (e.g. Date.now())
 * @returns {OutboxEntry}
 */
export function enqueue(existing, change, order) {
  return {
    key: keyOf(change.type, change.id),
    rev: (existing?.rev ?? 0) + 1,
    order: existing?.order ?? order,
    change,
  };
}

/**
 * Whether an entry is waiting to be sent (not parked by a rejection of its current revision).
 * @param {OutboxEntry} e
 */
export const isSendable = (e) => e.rejected_rev !== e.rev;

/**
 * The next changes to send, oldest first.
 * @param {OutboxEntry[]} entries
 * @param {number} limit
 * @returns {Sent[]}
 */
export function nextBatch(entries, limit) {
  return entries
    .filter(isSendable)
    .sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1))
    .slice(0, limit)
    .map((e) => ({ key: e.key, rev: e.rev, change: e.change }));
}

/**
 * What a sync response means for the outbox, judged against the entries as they are NOW
 * (after the network round trip): an entry goes only if the server applied it and it was
 * not edited while in flight; a rejection parks only the revision that was rejected.
 * @param {Sent[]} sent
 * @param {SyncResponse} response
 * @param {Map<string, OutboxEntry>} current  by key
 * @returns {{remove: string[], reject: OutboxEntry[]}}
 */
export function settle(sent, response, current) {
  const applied = new Set(response.applied ?? []);
  const rejected = new Map((response.rejected ?? []).map((r) => [r.id, r.errors]));
  /** @type {string[]} */ const remove = [];
  /** @type {OutboxEntry[]} */ const reject = [];
  for (const s of sent) {
    const now = current.get(s.key);
    if (!now || now.rev !== s.rev) continue; // edited (or gone) while in flight: keep the newer one
    if (applied.has(s.change.id)) remove.push(s.key);
    else if (rejected.has(s.change.id)) reject.push({ ...now, rejected_rev: now.rev, errors: rejected.get(s.change.id) });
  }
  return { remove, reject };
}

/**
 * Everything one sync response means locally, decided without touching storage:
 * which outbox entries leave (`remove`), which are parked as rejected (`reject`),
 * which server versions to store (`take`) and which pending local edits they overrule (`drop`).
 * @param {Sent[]} sent
 * @param {SyncResponse & {changes?: (Change & {device_id?: string})[]}} response
 * @param {Map<string, OutboxEntry>} current  outbox by key, read after the response arrived
 * @param {string} deviceId  this device, the author of every pending entry
 */
export function plan(sent, response, current, deviceId) {
  const { remove, reject } = settle(sent, response, current);
  const gone = new Set(remove);
  /** @type {(Change & {device_id?: string})[]} */ const take = [];
  /** @type {string[]} */ const drop = [];
  for (const c of response.changes ?? []) {
    const key = keyOf(c.type, c.id);
    const pending = gone.has(key) ? undefined : current.get(key);
    const verdict = resolve(pending && { updated_at: pending.change.updated_at, device_id: deviceId }, c);
    if (verdict === 'keep-local') continue;
    if (verdict === 'take-remote-drop-pending') drop.push(key);
    take.push(c);
  }
  return { remove, reject: reject.filter((e) => !drop.includes(e.key)), take, drop };
}
