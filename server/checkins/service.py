"""Check-in operations, every one scoped to its owner.

Writes go through sync's one write path (docs/sync.md), which uses SQLAlchemy Core: a
check-in POST is the hottest route, and the ORM unit of work costs several times the insert.
"""
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta, timezone

from flask_smorest import abort
from sqlalchemy import Row, select

from server.checkins.models import CheckIn
from server.checkins.schemas import DATA_FIELDS, CheckInDataSchema
from server.common.time import as_utc, local_date
from server.extensions import db
from server.sync.registry import RECORD_TYPES
from server.sync.service import Change, SyncResult, apply_changes, lock_person

TABLE = CheckIn.__table__


def columns_from_data(data: dict) -> dict:
    """Table columns for validated check-in data (`at` plus any fields given)."""
    columns = {name: value for name, value in data.items() if name in _DATA_FIELDS}
    if "at" in data:
        at = data["at"]
        columns["at"] = at
        columns["at_offset"] = int(at.utcoffset().total_seconds() // 60)
        columns["local_date"] = local_date(at)
    return columns


def data_from_row(row) -> dict:
    """The check-in's fields as the API and sync carry them (empty fields left out)."""
    # A Core row is read through its mapping (attribute access per field cost most of a pull,
    # and `_asdict()` rebuilds the result's key list for every row); an ORM object or a plain
    # stand-in by attribute.
    if isinstance(row, Row):
        values = row._mapping
        return data_from_columns(tuple(values[name] for name in READ_COLUMNS))
    return data_from_columns(tuple(getattr(row, name) for name in READ_COLUMNS))


# The columns a check-in's data is made from (a pull reads only these, with id and version).
READ_COLUMNS = ("at", "at_offset", *DATA_FIELDS)


def data_from_columns(values: tuple) -> dict:
    """data_from_row over the values of READ_COLUMNS, in that order, as the column types
    read them (a pull builds 1,000 of these a page, so no mapping is made for each)."""
    at, offset, *fields = values
    data = {"at": _written(at, offset).isoformat()}
    data.update({name: value for name, value in zip(DATA_FIELDS, fields) if value is not None})
    return data


def public_view(row) -> dict:
    """A stored check-in for the REST API."""
    view = data_from_row(row)
    view.update(id=row.id, at=_as_written(row), local_date=row.local_date,
                updated_at=as_utc(row.updated_at))
    return view


DEVICE = "api"  # the writer named on check-ins saved through the REST routes


def record_checkin(user_id: int, record_id: str, data: dict, now: datetime) -> tuple[dict, bool]:
    """Store a new check-in through the one write path; the same id again changes nothing.

    Returns (check-in view, created): the same id with the same content is a replay, with
    other content it returns what is stored, unchanged. Raises 409 when the id belongs to
    another person (ids are client-made: a collision is refused, never overwritten) or
    to a check-in the person deleted (it stays deleted).
    """
    result = _write(user_id, Change(_type(), record_id, now, False, data, base_version=None), now)
    if result.rejected:
        abort(409, message="This check-in id is already in use.", errors={"id": ["Already in use."]})
    if result.conflicts and result.conflicts[0]["fields"] == ["deleted"]:
        abort(409, message="This check-in was deleted.", errors={"id": ["Deleted."]})
    if record_id in result.applied and result.written:
        return created_view(record_id, data, now), True
    return public_view(_find(record_id)), False


def created_view(record_id: str, data: dict, now: datetime) -> dict:
    """The view of a check-in just stored from validated `data` at `now` (what public_view
    of its row gives, without reading it back)."""
    view = {k: v for k, v in data.items() if v is not None}
    view.update(id=record_id, local_date=local_date(data["at"]), updated_at=now)
    return view


@dataclass
class _Written(SyncResult):
    written: bool = False


def _write(user_id: int, change: Change, now: datetime) -> _Written:
    """Apply one change from the REST routes and commit; the answer says what happened."""
    result = _Written(cursor=0)
    result.written = bool(apply_changes(user_id, DEVICE, [change], now, result))
    db.session.commit()
    return result


def _type():
    return RECORD_TYPES["checkin"]


def _find(record_id: str):
    return db.session.execute(select(TABLE).where(TABLE.c.id == record_id)).first()


def get_checkin(user_id: int, record_id: str):
    """The owner's live check-in; 404 for someone else's, a deleted one or an unknown id."""
    row = db.session.execute(
        select(TABLE).where(TABLE.c.id == record_id, TABLE.c.user_id == user_id,
                            TABLE.c.deleted.is_(False))
    ).first()
    if row is None:
        abort(404, message="No such check-in.")
    return row


def list_query(user_id: int, start: date | None, end: date | None):
    """Live check-ins of the owner, newest first, optionally between local dates (inclusive)."""
    query = select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.deleted.is_(False))
    if start:
        query = query.where(CheckIn.local_date >= start)
    if end:
        query = query.where(CheckIn.local_date <= end)
    return query.order_by(CheckIn.at.desc(), CheckIn.id)


def update_checkin(user_id: int, record_id: str, changes: dict, now: datetime) -> dict:
    """Apply a partial update to the live check-in (404 otherwise); a field set to null is
    cleared. Read under the person's lock, so a sync landing meanwhile is not overwritten."""
    lock_person(user_id)
    row = get_checkin(user_id, record_id)
    data = CheckInDataSchema().load(data_from_row(row)) | changes
    data = {k: v for k, v in data.items() if v is not None}
    _write(user_id, Change(_type(), record_id, now, False, data), now)
    return public_view(get_checkin(user_id, record_id))


def delete_checkin(user_id: int, record_id: str, now: datetime) -> None:
    """Delete, leaving a tombstone so other devices learn of it; the health data is erased."""
    lock_person(user_id)
    get_checkin(user_id, record_id)
    _write(user_id, Change(_type(), record_id, now, True, None), now)


def checkin_records(user_id: int, start: date | None = None, end: date | None = None) -> list[dict]:
    """The owner's live check-ins as plain dicts for the analysis core, oldest first.

    `at` is an aware datetime; other keys are the check-in field names (schemas.py), empty
    ones left out.
    """
    query = select(TABLE).where(TABLE.c.user_id == user_id, TABLE.c.deleted.is_(False))
    if start:
        query = query.where(TABLE.c.local_date >= start)
    if end:
        query = query.where(TABLE.c.local_date <= end)
    records = []
    for row in db.session.execute(query.order_by(TABLE.c.at)):
        record = data_from_row(row)
        record["at"] = _as_written(row)
        record["id"] = row.id
        record["local_date"] = row.local_date
        records.append(record)
    return records


def _as_written(row) -> datetime:
    """`at` at the offset the person recorded it with (stored as UTC plus that offset)."""
    return _written(row.at, row.at_offset)


def _written(at: datetime, offset: int | None) -> datetime:
    return as_utc(at).astimezone(_offset_zone(offset or 0))


@lru_cache(maxsize=256)
def _offset_zone(minutes: int) -> timezone:
    """One tzinfo per offset: building one for each of 10,000 pulled check-ins cost a tenth
    of reading them."""
    return timezone(timedelta(minutes=minutes))


def record_columns(data: dict) -> dict:
    """Columns for sync, whose `data` is the whole record: a field left out is cleared."""
    columns = dict(_CLEARED)
    columns.update(columns_from_data(data))
    return columns


_DATA_FIELDS = frozenset(DATA_FIELDS)
_CLEARED = dict.fromkeys(DATA_FIELDS)


def tombstone_columns(existing) -> dict:
    """A deleted check-in keeps only its id and time; every health field is erased."""
    return {name: None for name in DATA_FIELDS}
