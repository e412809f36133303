// @ts-check
/** Pure outbox bookkeeping: queue entries with revisions, pick a batch, settle a sync response. */
import { resolve } from './merge.js';

/**
 * @typedef {object} Change  one record version as sent to POST /api/sync
 * @property {string} type
 * @property {string} id
 * @property {number | null} [base_version]  the server version this edit was made on
 * @property {object | null} [base]  that version's data, for the server's field merge
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
 * @property {Record<string, number>} [versions]  the server version of each applied id
 * @property {{id: string, errors: object}[]} rejected
 * @property {{type: string, id: string, version: number, fields: string[]}[]} [conflicts]
 *
 * @typedef {{key: string, base_version: number, base: object | null}} Rebase
 * @typedef {{key: string, fields: string[], mine: object, deleted: boolean}} Conflict
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
 * (after the network round trip). An entry goes when the server applied it, or decided a
 * conflict over it, and it was not edited while in flight; an edit made in flight on top of
 * an applied one is rebased onto the version the server gave it. A rejection parks only the
 * revision that was rejected.
 * @param {Sent[]} sent
 * @param {SyncResponse} response
 * @param {Map<string, OutboxEntry>} current  by key
 * @returns {{remove: string[], reject: OutboxEntry[], rebase: Rebase[], conflicts: Conflict[]}}
 */
export function settle(sent, response, current) {
  const applied = new Set(response.applied ?? []);
  const versions = response.versions ?? {};
  const rejected = new Map((response.rejected ?? []).map((r) => [r.id, r.errors]));
  const conflicted = new Map((response.conflicts ?? []).map((c) => [c.id, c.fields]));
  /** @type {string[]} */ const remove = [];
  /** @type {OutboxEntry[]} */ const reject = [];
  /** @type {Rebase[]} */ const rebase = [];
  /** @type {Conflict[]} */ const conflicts = [];
  for (const s of sent) {
    const now = current.get(s.key);
    const { id, data, deleted } = s.change;
    if (!now) continue;
    if (now.rev !== s.rev) { // edited while in flight: keep the newer one
      if (applied.has(id) && typeof versions[id] === 'number') {
        rebase.push({ key: s.key, base_version: versions[id], base: deleted ? null : data });
      }
      continue;
    }
    if (applied.has(id)) remove.push(s.key);
    else if (conflicted.has(id)) {
      remove.push(s.key);
      conflicts.push({ key: s.key, fields: conflicted.get(id) ?? [], mine: data, deleted });
    } else if (rejected.has(id)) reject.push({ ...now, rejected_rev: now.rev, errors: rejected.get(id) });
  }
  return { remove, reject, rebase, conflicts };
}

/**
 * Everything one sync response means locally, decided without touching storage: which
 * outbox entries leave (`remove`), are parked as rejected (`reject`) or rebased (`rebase`),
 * which server versions to store (`take`), and which local edits the server did not keep
 * in full (`conflicts`, shown to the person with their own values).
 * @param {Sent[]} sent
 * @param {SyncResponse & {changes?: (Change & {version?: number})[]}} response
 * @param {Map<string, OutboxEntry>} current  outbox by key, read after the response arrived
 */
export function plan(sent, response, current) {
  const { remove, reject, rebase, conflicts } = settle(sent, response, current);
  const gone = new Set(remove);
  /** @type {(Change & {version?: number})[]} */ const take = [];
  for (const c of response.changes ?? []) {
    const key = keyOf(c.type, c.id);
    const pending = gone.has(key) ? undefined : current.get(key);
    if (resolve(pending) === 'take-remote') take.push(c);
  }
  return { remove, reject, rebase, take, conflicts };
}
