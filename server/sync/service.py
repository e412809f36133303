"""Applying a device's changes and listing what changed since its cursor.

Rules (DESIGN.md): one transaction per request; idempotent by record id; last writer wins
by `updated_at`, ties broken by `device_id`; deletes are tombstones; a record id that
belongs to another person is rejected, never overwritten. Client clocks are clamped to the
server's, so a device whose clock runs fast cannot win every conflict.
"""
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import marshmallow as ma
from sqlalchemy import select, update

from server.accounts.models import User
from server.common.api import flatten_errors
from server.common.time import as_utc, parse_instant
from server.extensions import db
from server.sync.registry import RECORD_TYPES, RecordType

# Clocks on phones drift by seconds to minutes; more than this is a wrong clock.
MAX_CLOCK_AHEAD = timedelta(minutes=2)


@dataclass
class SyncResult:
    cursor: int
    applied: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    has_more: bool = False


@dataclass
class Change:
    record_type: RecordType
    id: str
    updated_at: datetime
    deleted: bool
    data: dict | None


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
    errors = {}
    unknown = set(raw) - {"type", "id", "updated_at", "deleted", "data"}
    for name in unknown:
        errors[name] = ["Unknown field."]
    record_type = RECORD_TYPES.get(raw.get("type")) if isinstance(raw.get("type"), str) else None
    if record_type is None:
        errors["type"] = [f"Must be one of: {', '.join(sorted(RECORD_TYPES))}."]
    record_id = _uuid(raw.get("id"), errors)
    updated_at = _instant(raw.get("updated_at"), errors)
    deleted = raw.get("deleted", False)
    if not isinstance(deleted, bool):
        errors["deleted"] = ["Must be true or false."]
    data = raw.get("data")
    if not deleted and record_type is not None and not errors:
        data = _load(record_type, data, errors)
    if errors:
        return None, errors
    # A clock that runs ahead is pulled back to now: it may still win ties against the
    # past, but never against an edit made later in real time.
    return Change(record_type, record_id, min(updated_at, now + MAX_CLOCK_AHEAD), deleted,
                  None if deleted else data), {}


def _load(record_type: RecordType, data, errors: dict):
    if not isinstance(data, dict):
        errors["data"] = ["Must be an object."]
        return None
    try:
        return record_type.schema.load(data)
    except ma.ValidationError as exc:
        errors.update({f"data.{k}": v for k, v in flatten_errors(exc.messages).items()})
        return None


def _uuid(value, errors) -> str | None:
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


def apply_changes(user_id: int, device_id: str, changes: list[Change], now: datetime,
                  result: SyncResult) -> range:
    """Write the winning changes; returns the range of sequence numbers they took.

    Every change that is not rejected is acknowledged in `applied` — also one that lost
    to a newer stored version: the device has nothing more to send, and the winner comes
    back to it in `changes`.
    """
    by_type: dict[str, list[Change]] = {}
    for change in _last_per_id(changes):
        by_type.setdefault(change.record_type.name, []).append(change)
    writes = []  # (record type, insert?, column values)
    for name, group in by_type.items():
        writes += _plan_group(user_id, device_id, RECORD_TYPES[name], group, now, result)
    if not writes:
        return range(0)
    first = _reserve_seqs(user_id, len(writes))
    for offset, (_type, _insert, values) in enumerate(writes):
        values["seq"] = first + offset
    _execute(writes)
    return range(first, first + len(writes))


def _last_per_id(changes: list[Change]) -> list[Change]:
    """A batch that carries one id twice keeps only the later edit (by updated_at, then order)."""
    latest: dict[tuple[str, str], Change] = {}
    for change in changes:
        key = (change.record_type.name, change.id)
        if key not in latest or change.updated_at >= latest[key].updated_at:
            latest[key] = change
    return list(latest.values())


def _plan_group(user_id, device_id, record_type: RecordType, changes, now, result) -> list:
    """Decide, for one record type, which changes win; returns the writes to make."""
    stored = _stored_rows(record_type.table, [c.id for c in changes])
    writes = []
    for change in changes:
        row = stored.get(change.id)
        if row is not None and row.user_id != user_id:
            result.rejected.append({"id": change.id, "errors": {"id": ["This id is already in use."]}})
            continue
        result.applied.append(change.id)
        if row is None:
            if not change.deleted:  # a delete of a record the server never had: nothing to keep
                writes.append((record_type, True, _columns(record_type, change, device_id, user_id, now)))
        elif _same_write(change, device_id, row):
            continue  # a replay of what is stored
        elif not _wins(change, device_id, row):
            result.changes.append(_as_change(record_type, row))  # the stored version won
        elif _differs(record_type, change, row):
            writes.append((record_type, False, _columns(record_type, change, device_id, user_id, now, row)))
    return writes


def _execute(writes) -> None:
    inserts: dict[str, list] = {}
    for record_type, is_insert, values in writes:
        table = record_type.table
        if is_insert:
            inserts.setdefault(record_type.name, []).append(values)
        else:
            db.session.execute(update(table).where(table.c.id == values["id"]).values(**values))
    for name, rows in inserts.items():
        db.session.execute(RECORD_TYPES[name].table.insert(), rows)


def _stored_rows(table, ids: list[str]) -> dict:
    rows = {}
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        for row in db.session.execute(
            select(table.c.id, table.c.user_id, table.c.updated_at, table.c.device_id,
                   table.c.deleted, *[c for c in table.c if c.name not in _META])
            .where(table.c.id.in_(chunk))
        ):
            rows[row.id] = row
    return rows


_META = {"id", "user_id", "updated_at", "device_id", "deleted"}


def _same_write(change: Change, device_id: str, row) -> bool:
    return change.updated_at == as_utc(row.updated_at) and device_id == row.device_id


def _wins(change: Change, device_id: str, row) -> bool:
    """Last writer wins; on equal times the larger device id, so every replica agrees."""
    stored = as_utc(row.updated_at)
    if change.updated_at != stored:
        return change.updated_at > stored
    return device_id > (row.device_id or "")


def _differs(record_type: RecordType, change: Change, row) -> bool:
    """False when the change is already what is stored (a replay, perhaps clamped again)."""
    if change.deleted or row.deleted:
        return change.deleted != row.deleted
    return record_type.data_from_row(row) != _dumped(record_type, change.data)


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
    else:
        values.update(record_type.columns_from_data(change.data))
    if row is None and "created_at" in record_type.table.c:
        values["created_at"] = now
    return values


def _reserve_seqs(user_id: int, count: int) -> int:
    """Reserve `count` consecutive sequence numbers; returns the first.

    The UPDATE holds the user's row until commit, so this user's syncs commit in sequence
    order and a reader paging by cursor never skips a late commit.
    """
    last = db.session.execute(
        update(User).where(User.id == user_id).values(sync_seq=User.sync_seq + count)
        .returning(User.sync_seq)
    ).scalar_one()
    return last - count + 1


def changes_since(user_id: int, cursor: int, limit: int, written: range, result: SyncResult) -> None:
    """Fill `result.changes` with up to `limit` records written after `cursor`, oldest first.

    What this very request wrote (`written`, a block of sequence numbers no one else can
    hold) is not echoed back, and the cursor moves past it once nothing older is pending.
    """
    rows = []
    for record_type in RECORD_TYPES.values():
        table = record_type.table
        query = select(table).where(table.c.user_id == user_id, table.c.seq > cursor)
        if written:
            query = query.where(~table.c.seq.between(written.start, written.stop - 1))
        rows += [(row.seq, record_type, row)
                 for row in db.session.execute(query.order_by(table.c.seq).limit(limit + 1))]
    rows.sort(key=lambda item: item[0])
    result.has_more = len(rows) > limit
    already = {(c["type"], c["id"]) for c in result.changes}
    for seq, record_type, row in rows[:limit]:
        result.cursor = seq
        if (record_type.name, row.id) not in already:
            result.changes.append(_as_change(record_type, row))
    if written and not result.has_more:
        result.cursor = max(result.cursor, written.stop - 1)


def _as_change(record_type: RecordType, row) -> dict:
    return {
        "type": record_type.name, "id": row.id, "updated_at": as_utc(row.updated_at),
        "deleted": row.deleted, "data": None if row.deleted else record_type.data_from_row(row),
    }
