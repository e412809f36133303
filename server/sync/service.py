"""The one write path for synced records, and the pull of what changed since a cursor.

Every record write — sync, the REST routes, the CSV and health imports — goes through
`apply_changes`. The contract (docs/sync.md):

* Each stored record carries a server `version`: the person's sync sequence at its last
  write. A change names the `base_version` it was edited from (None for a new record).
* A change based on the stored version is applied. One based on an older version is a
  conflict the server decides, never by device clocks: fields only the device changed are
  merged in, fields changed on both sides keep the stored value (the edit that reached
  the server first), and the device is told which fields in `conflicts`.
* Reads and writes of one person happen under their lock, taken before anything is read.
* A change whose content is already stored is a replay: acknowledged, nothing written.
* A deleted id stays deleted unless a change based on the tombstone's own version (the
  person saw it deleted and restored it) brings it back.
"""
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter

import marshmallow as ma
from sqlalchemy import ARRAY, String, any_, bindparam, literal, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import sqltypes

from server.accounts.models import User
from server.common.api import flatten_errors
from server.common.chunking import chunked
from server.common.time import as_utc, parse_instant
from server.extensions import db
from server.sync.registry import RECORD_TYPES, RecordType

# Clocks on phones drift by seconds to minutes; an edit time further ahead is shown as
# now. `updated_at` is only shown to the person: it never decides a conflict.
MAX_CLOCK_AHEAD = timedelta(minutes=2)

# base_version of a change made on the server against whatever is stored (REST, imports):
# written under the person's lock, so it is based on the stored version by construction.
HEAD = -1

ENVELOPE = {"type", "id", "base_version", "base", "updated_at", "deleted", "data"}


@dataclass
class SyncResult:
    cursor: int
    applied: list = field(default_factory=list)
    versions: dict = field(default_factory=dict)
    rejected: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    has_more: bool = False
    # The person's last sequence number before this request's writes, known once
    # apply_changes holds their lock (None before): a cursor at or past it has nothing to pull.
    seq_before: int | None = None


@dataclass(slots=True)  # 10,000 of these in a large push: no __dict__ each
class Change:
    record_type: RecordType
    id: str
    updated_at: datetime
    deleted: bool
    data: dict | None
    base_version: int | None = HEAD
    base: dict | None = None  # the record's data at base_version, as the device had it


def sync(user_id: int, device_id: str, cursor: int, raw_changes: list, limit: int,
         now: datetime) -> SyncResult:
    """Apply `raw_changes` for `user_id`, then return the changes after `cursor`. One commit."""
    result = SyncResult(cursor=cursor)
    valid = []
    for raw in raw_changes:
        change, errors = parse_change(raw, now)
        if errors:
            result.rejected.append({"id": _raw_id(raw), "errors": errors})
        else:
            valid.append(change)
    written = apply_changes(user_id, device_id, valid, now, result)
    changes_since(user_id, cursor, limit, written, result)
    db.session.commit()
    return result


def parse_change(raw, now: datetime) -> tuple[Change | None, dict]:
    """Validate one change envelope and its data; returns (change, {}) or (None, errors)."""
    if not isinstance(raw, dict):
        return None, {"_change": ["Must be an object."]}
    errors = {} if raw.keys() <= ENVELOPE else {name: ["Unknown field."] for name in set(raw) - ENVELOPE}
    kind = raw.get("type")
    record_type = RECORD_TYPES.get(kind) if isinstance(kind, str) else None
    if record_type is None:
        errors["type"] = [f"Must be one of: {', '.join(sorted(RECORD_TYPES))}."]
    record_id = _uuid(raw.get("id"), errors)
    updated_at = _instant(raw.get("updated_at"), errors)
    base_version, base = _base(raw, errors)
    deleted = raw.get("deleted", False)
    if deleted is not True and deleted is not False:
        errors["deleted"] = ["Must be true or false."]
    data = raw.get("data")
    if not deleted and record_type is not None and not errors:
        data = _load(record_type, data, errors)
    if errors:
        return None, errors
    ahead = now + MAX_CLOCK_AHEAD
    return Change(record_type, record_id, updated_at if updated_at <= ahead else ahead, deleted,
                  None if deleted else data, base_version, base), {}


def _base(raw: dict, errors: dict) -> tuple[int | None, dict | None]:
    version, base = raw.get("base_version"), raw.get("base")
    if version is None and base is None:  # a new record: the common case of a large push
        return None, None
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)
                                or not 0 <= version < 2**31):
        errors["base_version"] = ["Must be the record's server version (an integer ≥ 0) or null."]
    if base is not None and not isinstance(base, dict):
        errors["base"] = ["Must be an object or null."]
    return version, base


def _load(record_type: RecordType, data, errors: dict):
    if not isinstance(data, dict):
        errors["data"] = ["Must be an object."]
        return None
    try:
        return record_type.load(data)
    except ma.ValidationError as exc:
        errors.update({f"data.{k}": v for k, v in flatten_errors(exc.messages).items()})
        return None


# A UUID already in the form str(uuid.UUID(...)) gives (lower-case 8-4-4-4-12 hex), as every
# id the PWA makes is: taken as it is, without building a UUID object to print it again.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value, errors) -> str | None:
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) else _fail(errors, "id")
    except ValueError:
        return _fail(errors, "id")


def _instant(value, errors) -> datetime | None:
    try:
        return as_utc(parse_instant(value)) if isinstance(value, str) else _fail(errors, "updated_at")
    except ValueError:
        return _fail(errors, "updated_at")


def _fail(errors, name):
    errors[name] = {"id": ["Must be a UUID."],
                    "updated_at": ["Must be an ISO 8601 instant with offset, in the years 1970–2200."]}[name]
    return None


def _raw_id(raw):
    return raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None


@dataclass(slots=True)
class _Write:
    record_type: RecordType
    insert: bool
    values: dict


def apply_changes(user_id: int, device_id: str, changes: list[Change], now: datetime,
                  result: SyncResult) -> range:
    """Decide and write `changes` under the person's lock; returns the sequence numbers taken.

    Fills `result`: `applied` (with `versions`) for changes whose content is now stored,
    `conflicts` for changes on an old version that kept some stored field, `rejected` for
    ids of another person, and `changes` with the stored record wherever it differs from
    what the device sent. Does not commit: the caller's transaction holds the lock.
    """
    if not changes:
        return range(0)
    latest = _last_per_id(changes)
    conn = _connection()  # looked up once: each lookup is a session bind resolution
    first = None
    if len(latest) == 1 and _is_new(latest[0]):
        first, inserted = _reserve_and_insert(user_id, device_id, latest[0], now, conn)
        result.seq_before = first - 1
        if inserted:
            result.applied.append(latest[0].id)
            result.versions[latest[0].id] = first
            return range(first, first + 1)
        # The id is stored already (a replay, someone else's id, a tombstone): decided below
        # like any other change, with the number just reserved, still under the lock.
    if first is None:
        first = _lock_and_reserve(user_id, len(latest), conn)
        result.seq_before = first - 1
    writes = []
    for name, group in _by_type(latest).items():
        writes += _plan_group(user_id, device_id, RECORD_TYPES[name], group, now, result, conn)
    for offset, write in enumerate(writes):
        write.values["seq"] = first + offset
        result.versions[write.values["id"]] = first + offset
    _give_back(user_id, first + len(writes) - 1, len(latest) - len(writes), conn)
    _execute(writes, conn)
    return range(first, first + len(writes))


def _last_per_id(changes: list[Change]) -> list[Change]:
    """A batch that carries one id twice keeps the later of the two in the batch."""
    return list({(c.record_type.name, c.id): c for c in changes}.values())


def _by_type(changes: list[Change]) -> dict[str, list[Change]]:
    groups: dict = {}
    for change in changes:
        groups.setdefault(change.record_type.name, []).append(change)
    return groups


# Statements built once: on the check-in POST, building them per request cost more than
# running them (SQLAlchemy's construction and cache-key work).
RESERVE = (update(User).where(User.id == bindparam("user_id"))
            .values(sync_seq=User.sync_seq + bindparam("count")).returning(User.sync_seq))
_LOCK = update(User).where(User.id == bindparam("user_id")).values(sync_seq=User.sync_seq)
_SET_SEQ = update(User).where(User.id == bindparam("user_id")).values(sync_seq=bindparam("last"))


def _connection():
    """The session's connection: Core statements run on it skip the ORM's per-statement work
    and stay in the request's one transaction."""
    return db.session.connection()


def _lock_and_reserve(user_id: int, count: int, conn) -> int:
    """Take the person's lock and `count` consecutive sequence numbers; returns the first.

    One UPDATE does both: on PostgreSQL it holds the person's row like SELECT … FOR UPDATE,
    on SQLite it takes the database's single write lock. Either way it comes before any
    stored row is read, so two syncs of one person decide one after the other on what the
    other committed, and their sequence numbers commit in order (a pull by cursor never
    skips a late commit).
    """
    last = conn.execute(RESERVE, {"user_id": user_id, "count": count}).scalar_one()
    return last - count + 1


def _is_new(change: Change) -> bool:
    """A change its device made as a new record (no server version yet), not a delete: the
    single check-in POST, a new record synced alone. Stored as sent unless the id exists."""
    return change.base_version is None and not change.deleted


def _reserve_and_insert(user_id: int, device_id: str, change: Change, now: datetime,
                        conn) -> tuple[int, bool]:
    """Take the person's lock and one sequence number, and insert `change` as a new record
    unless its id is stored already; returns (the number, whether it was inserted).

    The single new record is the hottest write (the check-in POST): the general path reads
    the id first and inserts after, two statements (on PostgreSQL two round trips inside the
    person's lock). Here the insert skips an existing id itself (ON CONFLICT DO NOTHING), so
    a new record costs one statement after the lock (SQLite) or one in all, lock included
    (PostgreSQL, the reservation as a CTE of the insert). The lock still comes first: the
    UPDATE of the person's row runs before the insert looks at the id.
    """
    record_type = change.record_type
    values = new_record_values(user_id, device_id, change, now)
    if conn.dialect.name == "postgresql":
        statement = reserving_insert(record_type.table, tuple(values))
        params = {f"v_{name}": value for name, value in values.items()}
        params["reserve_user_id"] = user_id
        seq = conn.execute(statement, params).scalar_one_or_none()
        if seq is not None:
            return seq, True
        # Nothing inserted; the reservation ran all the same (a CTE's UPDATE always does).
        return conn.execute(_LAST_SEQ, {"user_id": user_id}).scalar_one(), False
    first = _lock_and_reserve(user_id, 1, conn)
    inserted = conn.execute(insert_if_absent(record_type.table, conn.dialect.name),
                            {**values, "seq": first}).rowcount == 1
    return first, inserted


def new_record_values(user_id: int, device_id: str, change: Change, now: datetime) -> dict:
    """The filled columns of `change` stored as a new record (`seq` aside): what
    _reserve_and_insert inserts, and the check-in fast lane (server/checkins/fast_lane.py)."""
    values = _columns(change.record_type, change, device_id, user_id, now)
    return {k: v for k, v in values.items() if v is not None}


_IF_ABSENT: dict = {}


def insert_if_absent(table, dialect_name: str):
    """INSERT … ON CONFLICT (id) DO NOTHING for `table` (SQLite), built once."""
    key = (table.name, dialect_name)
    if key not in _IF_ABSENT:
        _IF_ABSENT[key] = sqlite.insert(table).on_conflict_do_nothing(index_elements=["id"])
    return _IF_ABSENT[key]


def reserving_insert(table, names: tuple):
    """PostgreSQL: one statement that reserves the person's next sequence number (the UPDATE
    that is their lock) and inserts the record with it unless its id exists, returning the
    number when it inserted. Built once per table and set of filled columns."""
    key = (table.name, names)
    if key not in _IF_ABSENT:
        users = User.__table__
        reserved = (update(users).where(users.c.id == bindparam("reserve_user_id"))
                    .values(sync_seq=users.c.sync_seq + 1).returning(users.c.sync_seq.label("seq"))
                    .cte("reserved"))
        # Values bound under names no column has: execute() would otherwise also take a
        # parameter named like a users column ("id") as a SET of the reserving UPDATE.
        row = select(*[bindparam(f"v_{name}", type_=table.c[name].type) for name in names],
                     reserved.c.seq)
        _IF_ABSENT[key] = (postgresql.insert(table).from_select([*names, "seq"], row)
                           .on_conflict_do_nothing(index_elements=["id"])
                           .returning(table.c.seq))
    return _IF_ABSENT[key]


def reserving_insert_if_new(table, names: tuple, user_id):
    """PostgreSQL: one statement that stores a new record of the person whose id `user_id`
    (a scalar subquery, e.g. a live token's user) selects, and commits alone (autocommit):
    the check-in fast lane's write in one round trip. Returns the record's sequence number
    when it inserted, no row when it did not (no such person, or the id is stored).

    Unlike reserving_insert, the person's next number is taken only when the row goes in, so
    a replay in autocommit leaves no gap: the person's row is locked first (FOR NO KEY UPDATE,
    the lock their reserving UPDATE takes; in READ COMMITTED it waits for a concurrent writer
    and reads the number it committed), the insert uses that number + 1 unless the id exists
    (ON CONFLICT also waits for an uncommitted insert of the same id), and the UPDATE that
    advances the person's sequence runs on the inserted row alone. The lock is held to the
    statement's commit, so numbers still commit in order (docs/sync.md, "Locking and order").
    Built once per table and set of filled columns (`user_id` and `seq` are the statement's)."""
    key = (table.name, names, "if new")
    if key not in _IF_ABSENT:
        users = User.__table__
        locked = (select(users.c.id, users.c.sync_seq).where(users.c.id == user_id)
                  .with_for_update(key_share=True).cte("locked"))
        row = select(*[bindparam(f"v_{name}", type_=table.c[name].type) for name in names],
                     locked.c.id, locked.c.sync_seq + 1)
        inserted = (postgresql.insert(table).from_select([*names, "user_id", "seq"], row)
                    .on_conflict_do_nothing(index_elements=["id"])
                    .returning(table.c.user_id, table.c.seq).cte("inserted"))
        advanced = (update(users).where(users.c.id == inserted.c.user_id)
                    .values(sync_seq=inserted.c.seq).returning(users.c.sync_seq).cte("advanced"))
        _IF_ABSENT[key] = select(advanced.c.sync_seq)
    return _IF_ABSENT[key]


def lock_person(user_id: int) -> None:
    """Take the person's lock (as `apply_changes` does) before reading what a write will be
    computed from, e.g. an import's merge of every import of a day."""
    _connection().execute(_LOCK, {"user_id": user_id})


def _give_back(user_id: int, last_used: int, unused: int, conn) -> None:
    """Return the numbers reserved for changes that wrote nothing (replays, conflicts kept
    as stored): no one else can have taken any while the lock is held."""
    if unused:
        conn.execute(_SET_SEQ, {"user_id": user_id, "last": last_used})


def _plan_group(user_id, device_id, record_type: RecordType, changes, now, result, conn) -> list:
    """Decide, for one record type, what each change does; returns the writes to make."""
    stored = _stored_rows(record_type.table, [c.id for c in changes], conn)
    writes = []
    for change in changes:
        row = stored.get(change.id)
        if row is not None and row.user_id != user_id:
            result.rejected.append({"id": change.id, "errors": {"id": ["This id is already in use."]}})
            continue
        write = _decide(record_type, change, row, device_id, user_id, now, result)
        if write is not None:
            writes.append(write)
    return writes


def _decide(record_type, change: Change, row, device_id, user_id, now, result) -> _Write | None:
    if row is None:
        return _decide_new(record_type, change, device_id, user_id, now, result)
    stored = _content(record_type, row)
    sent = _change_content(record_type, change)
    if sent == stored:  # a replay, or the same edit made twice: nothing to write
        _applied(result, change.id, row.seq)
        return None
    if _based_on_stored(change, row, device_id):
        return _write(record_type, change, device_id, user_id, now, result, row)
    return _conflict(record_type, change, row, stored, sent, device_id, user_id, now, result)


def _decide_new(record_type, change, device_id, user_id, now, result) -> _Write | None:
    if change.deleted:  # a delete of a record the server never had: nothing to keep
        _applied(result, change.id, None)
        return None
    return _write(record_type, change, device_id, user_id, now, result)


def _based_on_stored(change: Change, row, device_id: str) -> bool:
    """True when the change was made on the stored version. A server-side change (HEAD) is,
    except against a tombstone: only an explicit restore reopens one the person made, while
    a server-side writer may reopen its own (an import undone, then imported again)."""
    if change.base_version == HEAD:
        return not row.deleted or row.device_id == device_id
    return change.base_version is not None and change.base_version == row.seq


def _write(record_type, change, device_id, user_id, now, result, row=None) -> _Write:
    result.applied.append(change.id)
    return _Write(record_type, row is None, _columns(record_type, change, device_id, user_id, now, row))


def _applied(result: SyncResult, record_id: str, version: int | None) -> None:
    result.applied.append(record_id)
    if version is not None:
        result.versions[record_id] = version


def _conflict(record_type, change, row, stored, sent, device_id, user_id, now, result):
    """A change made on an older version: merge what only the device changed, keep the
    stored value where both sides changed a field, and report the fields kept."""
    merged, kept = _merged(record_type, change, row, stored, sent)
    if merged is None:  # nothing of the device's could be taken
        _report(result, record_type, change.id, row.seq, kept, _as_change(record_type, row))
        return None
    merged_change = Change(record_type, change.id, max(change.updated_at, as_utc(row.updated_at)),
                           False, merged)
    write = _Write(record_type, False, _columns(record_type, merged_change, device_id, user_id, now, row))
    view = {"type": record_type.name, "id": change.id, "updated_at": merged_change.updated_at.isoformat(),
            "deleted": False, "data": record_type.data_from_row(_Row(write.values)), "pending": write}
    if kept:
        _report(result, record_type, change.id, None, kept, view)
    else:
        result.applied.append(change.id)
        result.changes.append(view)
    return write


def _report(result, record_type, record_id, version, fields, view) -> None:
    result.conflicts.append({"type": record_type.name, "id": record_id, "version": version,
                             "fields": sorted(fields)})
    result.changes.append(view)


def _merged(record_type, change: Change, row, stored, sent) -> tuple[dict | None, set]:
    """(merged data or None when the stored record stands as it is, fields kept as stored)."""
    if change.deleted or row.deleted:
        return None, {"deleted"}
    base = _normalised(record_type, change.base) if change.base_version is not None else None
    merged, kept = dict(stored[1]), set()
    for name in set(stored[1]) | set(sent[1]):
        mine, theirs = sent[1].get(name), stored[1].get(name)
        if mine == theirs or (base is not None and mine == base.get(name)):
            continue  # the device left this field as it was: the stored value stands
        if base is not None and theirs == base.get(name):
            _set(merged, name, mine)  # only the device changed it
        else:
            kept.add(name)  # changed on both sides: the version that arrived first stands
    if merged == stored[1]:
        return None, kept
    try:
        return record_type.schema.load(merged), kept
    except ma.ValidationError:  # the two halves do not make a valid record together
        return None, kept | {name for name in set(stored[1]) | set(sent[1])
                             if stored[1].get(name) != sent[1].get(name)}


def _normalised(record_type, base: dict | None) -> dict | None:
    """The device's copy of the base version in the form stored data takes (so that, say, an
    instant written with milliseconds equals the same instant stored without); None when
    it is not a valid record, and the merge then treats every differing field as a conflict."""
    if base is None:
        return None
    try:
        return _dumped(record_type, record_type.schema.load(base))
    except ma.ValidationError:
        return None


def _set(data: dict, name: str, value) -> None:
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value


def _content(record_type, row) -> tuple[bool, dict]:
    return (True, {}) if row.deleted else (False, record_type.data_from_row(row))


def _change_content(record_type, change: Change) -> tuple[bool, dict]:
    return (True, {}) if change.deleted else (False, _dumped(record_type, change.data))


def _execute(writes: list[_Write], conn) -> None:
    """Updates one by one; inserts as one executemany per type and set of filled columns.

    An insert leaves out the columns it has no value for (NULL or the column default
    anyway): a check-in fills a third of its columns, and binding the empty ones was most
    of the cost of a large sync.
    """
    inserts: dict[tuple, list] = {}
    for write in writes:
        table = write.record_type.table
        if write.insert:
            values = write.values
            if None in values.values():
                values = {k: v for k, v in values.items() if v is not None}
            inserts.setdefault((write.record_type.name, *values), []).append(values)
        else:
            conn.execute(update(table).where(table.c.id == write.values["id"]).values(**write.values))
    for (name, *columns), rows in inserts.items():
        _insert_many(conn, RECORD_TYPES[name].table, tuple(columns), rows)


def _insert_many(conn, table, columns: tuple, rows: list[dict]) -> None:
    """One executemany of `rows`, all filling the same `columns`, straight to the driver.

    Each column's value conversion (an instant to what the database takes, a list to JSON
    text) is the one SQLAlchemy itself would apply — the column type's bind processor —
    looked up once per column and run over that column's values, instead of SQLAlchemy's
    per-row, per-parameter bind processing of a compiled insert (most of a 10,000-record
    push's insert time; bench/README.md, "Sync"). Other paramstyles keep SQLAlchemy's insert.
    """
    insert = _raw_insert(conn.dialect, table, columns)
    if insert is None:
        conn.execute(_statements(table).insert, rows)
        return
    sql, processors = insert
    values = []
    for name, process in zip(columns, processors):
        column = [row[name] for row in rows]
        if process is not None:
            first = column[0]
            # One value for every row (created_at, deleted, ...): converted once.
            column = ([process(first)] * len(column) if all(v is first for v in column)
                      else list(map(process, column)))
        values.append(column)
    conn.exec_driver_sql(sql, list(zip(*values)))


_RAW_INSERTS: dict = {}
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _raw_insert(dialect, table, columns: tuple):
    """(INSERT text with positional marks, each column's bind processor or None), built once
    per database dialect, table and set of columns. None — SQLAlchemy's insert then — for a
    paramstyle not handled here, or when a column left out has a default SQLAlchemy would
    fill in (device_id, deleted, created_at, at_offset are always given by _columns)."""
    key = (dialect.name, dialect.paramstyle, table.name, columns)
    if key not in _RAW_INSERTS:
        mark = _MARKS.get(dialect.paramstyle)
        defaulted = any(c.default is not None and c.name not in columns for c in table.c)
        quote = dialect.identifier_preparer.quote
        _RAW_INSERTS[key] = None if mark is None or defaulted else (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join([mark] * len(columns))})",
            tuple(table.c[c].type._cached_bind_processor(dialect) for c in columns))
    return _RAW_INSERTS[key]


def _stored_rows(table, ids: list[str], conn) -> dict:
    rows = {}
    if conn.dialect.name == "postgresql":
        # One array parameter: `IN` with 500 bound values cost PostgreSQL ~20 ms a chunk to
        # plan and bind, most of the time of deciding a 1,000-record push.
        for row in conn.execute(_statements(table).by_id_array, {"ids": ids}):
            rows[row.id] = row
        return rows
    for chunk in chunked(ids):
        for row in conn.execute(_statements(table).by_ids, {"ids": list(chunk)}):
            rows[row.id] = row
    return rows


@dataclass(frozen=True)
class _Statements:
    insert: object
    by_ids: object
    by_id_array: object


_STATEMENTS: dict = {}


def _statements(table) -> _Statements:
    """The insert and the reads by ids (IN, or = ANY(array) on PostgreSQL) of one record
    table, built on first use."""
    if table.name not in _STATEMENTS:
        _STATEMENTS[table.name] = _Statements(
            table.insert(), select(table).where(table.c.id.in_(bindparam("ids", expanding=True))),
            select(table).where(table.c.id == any_(bindparam("ids", type_=ARRAY(String)))))
    return _STATEMENTS[table.name]


def _dumped(record_type, data):
    columns = record_type.columns_from_data(data)
    return record_type.data_from_row(_Row(columns))


class _Row:
    """Attribute access over a dict of columns, to compare new data with stored rows."""

    def __init__(self, columns):
        self.__dict__.update(columns)

    def __getattr__(self, name):
        return None


def _columns(record_type, change, device_id, user_id, now, row=None) -> dict:
    values = {"id": change.id, "user_id": user_id, "updated_at": change.updated_at,
              "device_id": device_id, "deleted": change.deleted}
    if change.deleted:
        values.update(record_type.tombstone_columns(row))
    elif row is None:  # a new row: the columns it fills (the rest are NULL anyway)
        values.update(record_type.insert_columns(change.data))
    else:
        values.update(record_type.columns_from_data(change.data))
    if row is None and "created_at" in record_type.table.c:
        values["created_at"] = now
    return values


def changes_since(user_id: int, cursor: int, limit: int, written: range, result: SyncResult) -> None:
    """Fill `result.changes` with up to `limit` records written after `cursor`, oldest first.

    What this very request wrote (`written`, a block of sequence numbers no one else can
    hold) and what it found already stored as sent is not echoed back; the cursor moves
    past it once nothing older is pending.
    """
    _version_pending(result)
    if cursor >= _last_seq_before(user_id, result):
        # Nothing of anyone else's is newer than the cursor: the common sync of a device that
        # is up to date. One query per record type here cost most of a one-change sync.
        result.has_more = False
    else:
        _pull(user_id, cursor, limit, written, result)
    if written and not result.has_more:
        result.cursor = max(result.cursor, written.stop - 1)


def _last_seq_before(user_id: int, result: SyncResult) -> int:
    """The highest sequence number any stored record can carry, this request's writes aside."""
    if result.seq_before is not None:
        return result.seq_before
    return _connection().execute(_LAST_SEQ, {"user_id": user_id}).scalar_one_or_none() or 0


_LAST_SEQ = select(User.sync_seq).where(User.id == bindparam("user_id"))


def _pull(user_id: int, cursor: int, limit: int, written: range, result: SyncResult) -> None:
    """The page after `cursor`: first which (type, seq) it holds, in one query over every
    record type's (user_id, seq) index, then the rows of only the types it holds, each one
    range of sequence numbers. Reading every type's rows (15 queries a page, most of them
    empty) cost more than the rows of a typical page."""
    params = {"user_id": user_id, "cursor": cursor, "limit": limit + 1,
              "low": written.start if written else 0, "high": written.stop - 1 if written else -1}
    conn = _connection()
    _description, page = _raw_rows(conn, ("page", tuple(RECORD_TYPES)), _page_statement, params)
    result.has_more = len(page) > limit
    page = page[:limit]
    spans: dict[str, list[int]] = {}
    for name, seq in page:
        span = spans.setdefault(name, [seq, seq])
        span[0], span[1] = min(span[0], seq), max(span[1], seq)
    changes = []
    for name, (first, last) in spans.items():
        changes += _span_changes(conn, RECORD_TYPES[name], {**params, "first": first, "last": last})
    changes.sort(key=itemgetter("version"))
    echoed = {c["id"] for c in result.changes}
    if page:
        result.cursor = page[-1][1]
    for change in changes:
        # Skipped: records already in the answer, and replays (the device holds this version).
        if change["id"] not in echoed and result.versions.get(change["id"]) != change["version"]:
            result.changes.append(change)


def _span_changes(conn, record_type: RecordType, params: dict) -> list[dict]:
    """The records of one type in a pulled span, as the answer carries them (_as_change).

    Read straight from the driver, only the columns the answer is made from, each column's
    values converted by its type's own result processor (an instant made aware UTC, JSON
    text decoded) once per column: SQLAlchemy's per-row result processing of all 34
    check-in columns was most of a pull's time (bench/README.md, "Sync").
    """
    names = ("id", "seq", "updated_at", "deleted", *record_type.read_columns)
    description, rows = _raw_rows(conn, ("span", record_type.name), lambda: _span_statement(record_type, names),
                                  params)
    if not rows:
        return []
    processors = _result_processors(_SPAN_PROCESSORS, record_type, names, conn.dialect, description)
    columns = list(zip(*rows))
    for index, process in processors:
        columns[index] = _processed(process, columns[index])
    name, data_from_columns = record_type.name, record_type.data_from_columns
    changes = []
    # updated_at is a UTCDateTime: read back aware, in UTC.
    for record_id, seq, updated_at, deleted, *data in zip(*columns):
        deleted = bool(deleted)
        changes.append({"type": name, "id": record_id, "version": seq,
                        "updated_at": updated_at.isoformat(), "deleted": deleted,
                        "data": None if deleted else data_from_columns(data)})
    return changes


def _processed(process, values) -> list:
    """A column's values through its result processor, NULL kept as None (every column type
    here reads NULL as None)."""
    if isinstance(process, _JsonText):
        texts = [value for value in values if value is not None]
        try:  # one parse of the column's values as one JSON array, instead of one per record
            decoded = json.loads(f"[{','.join(texts)}]")
        except (TypeError, ValueError):  # not all text after all: value by value
            decoded = None
        if decoded is not None and len(decoded) == len(texts):
            found = iter(decoded)
            return [None if value is None else next(found) for value in values]
        process = process.process
    return [None if value is None else process(value) for value in values]


class _JsonText:
    """A JSON column the driver hands over as text that SQLAlchemy reads with json.loads
    (SQLite). Each stored value is one JSON document written by json.dumps, so the column's
    values joined by commas inside brackets parse to the same values in the same order."""

    def __init__(self, process):
        self.process = process


def _span_statement(record_type: RecordType, names: tuple):
    """The read of `names` for one type's records in a span of sequence numbers
    (`first`..`last`) leaving out a block (`low`..`high`, empty when high < low): what the
    request itself wrote."""
    table = record_type.table
    return select(*(table.c[n] for n in names)).where(
        table.c.user_id == bindparam("user_id"), table.c.seq.between(bindparam("first"), bindparam("last")),
        ~table.c.seq.between(bindparam("low"), bindparam("high")))


_RAW_QUERIES: dict = {}
_SPAN_PROCESSORS: dict = {}


def _raw_rows(conn, key: tuple, build, params: dict) -> tuple:
    """(cursor description, rows as plain tuples) of the statement `build()` makes, run on
    the driver cursor of the session's connection (the request's transaction): compiled once
    per dialect and `key`, with no SQLAlchemy result object or Row per record."""
    dialect = conn.dialect
    if (dialect.name, key) not in _RAW_QUERIES:
        compiled = build().compile(dialect=dialect)
        _RAW_QUERIES[dialect.name, key] = (compiled.string, compiled.params,
                                          tuple(compiled.positiontup) if dialect.positional else None)
    sql, defaults, order = _RAW_QUERIES[dialect.name, key]
    values = {**defaults, **params}  # defaults: the statement's own literals
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, tuple(values[name] for name in order) if order is not None else values)
        return cursor.description, cursor.fetchall()
    finally:
        cursor.close()


def _result_processors(cache: dict, record_type, names: tuple, dialect, description) -> tuple:
    """(column index, result processor) of each column that has one, as SQLAlchemy would pick
    it for the type the driver reports; found on the first read and kept in `cache`.
    NULL stays None without a call: every column type here reads NULL as None."""
    key = (dialect.name, record_type.name)
    if key not in cache:
        found = []
        for index, (name, (_name, type_code, *_rest)) in enumerate(zip(names, description)):
            column_type = record_type.table.c[name].type
            process = column_type._cached_result_processor(dialect, type_code)
            if (process is not None and isinstance(column_type, sqltypes.JSON) and dialect.name == "sqlite"
                    and getattr(dialect, "_json_deserializer", None) is None):
                process = _JsonText(process)
            if process is not None:
                found.append((index, process))
        cache[key] = tuple(found)
    return cache[key]


_PAGE: dict = {}


def _page_statement():
    """(type, seq) of the first `limit` records after the cursor over every record type,
    built once for the registered types (each part limited on its own index first)."""
    names = tuple(RECORD_TYPES)
    if names not in _PAGE:
        parts = []
        for name in names:
            table = RECORD_TYPES[name].table
            part = (select(literal(name, String).label("type"), table.c.seq.label("seq"))
                    .where(table.c.user_id == bindparam("user_id"), table.c.seq > bindparam("cursor"),
                           ~table.c.seq.between(bindparam("low"), bindparam("high")))
                    .order_by(table.c.seq).limit(bindparam("limit")).subquery())
            parts.append(select(part.c.type, part.c.seq))
        every = union_all(*parts).subquery()
        _PAGE.clear()
        _PAGE[names] = (select(every.c.type, every.c.seq).order_by(every.c.seq)
                        .limit(bindparam("limit")))
    return _PAGE[names]


def _version_pending(result: SyncResult) -> None:
    """Merged records reported before their sequence number was known get it now."""
    for change in result.changes:
        write = change.pop("pending", None)
        if write is not None:
            change["version"] = write.values["seq"]
    for conflict in result.conflicts:
        if conflict["version"] is None:
            conflict["version"] = result.versions.get(conflict["id"])


def _as_change(record_type: RecordType, row) -> dict:
    """A stored record as the answer carries it, already in its JSON form (SyncResponseSchema
    sends it as it is)."""
    return {
        "type": record_type.name, "id": row.id, "version": row.seq,
        "updated_at": as_utc(row.updated_at).isoformat(),
        "deleted": row.deleted, "data": None if row.deleted else record_type.data_from_row(row),
    }
