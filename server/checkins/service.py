"""Check-in operations, every one scoped to its owner.

The write path uses SQLAlchemy Core (STYLE pitfall 7): a check-in POST is the hottest
route, and the ORM unit of work costs several times the insert itself.
"""
from datetime import date, datetime, timedelta, timezone

from flask_smorest import abort
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from server.checkins.models import CheckIn
from server.checkins.schemas import DATA_FIELDS, CheckInDataSchema
from server.common.time import as_utc, local_date
from server.extensions import db
from server.sync.models import next_seq
from server.sync.registry import register_record_type

TABLE = CheckIn.__table__


def columns_from_data(data: dict) -> dict:
    """Table columns for validated check-in data (`at` plus any fields given)."""
    columns = {name: data[name] for name in DATA_FIELDS if name in data}
    if "at" in data:
        at = data["at"]
        columns["at"] = at
        columns["at_offset"] = int(at.utcoffset().total_seconds() // 60)
        columns["local_date"] = local_date(at)
    return columns


def data_from_row(row) -> dict:
    """The check-in's fields as the API and sync carry them (empty fields left out)."""
    data = {"at": _as_written(row).isoformat()}
    for name in DATA_FIELDS:
        value = getattr(row, name)
        if value is not None:
            data[name] = value
    return data


def public_view(row) -> dict:
    """A stored check-in for the REST API."""
    view = data_from_row(row)
    view.update(id=row.id, at=_as_written(row), local_date=row.local_date,
                updated_at=as_utc(row.updated_at))
    return view


_INSERT = TABLE.insert()
_FIND = select(TABLE).where(TABLE.c.id == bindparam("record_id"))


def record_checkin(user_id: int, record_id: str, data: dict, now: datetime) -> tuple[dict, bool]:
    """Store a new check-in; the same id again returns the stored one unchanged.

    Returns (check-in view, created). Raises 409 when the id belongs to another person:
    ids are client-made, so a collision is refused rather than overwritten. The insert is
    tried first — a replay is rare, so it pays for the lookup, not every new check-in.
    """
    values = columns_from_data(data)
    values.update(id=record_id, user_id=user_id, updated_at=now, created_at=now,
                  device_id="api", deleted=False)
    try:
        # Core on its own connection: the ORM session would cost more than the insert.
        with db.engine.begin() as connection:
            values["seq"] = next_seq(connection, user_id)
            connection.execute(_INSERT, values)
    except IntegrityError:
        return _replayed(_find(record_id), user_id), False
    view = {k: v for k, v in data.items() if v is not None}
    view.update(id=record_id, local_date=values["local_date"], updated_at=now)
    return view, True


def _replayed(row, user_id):
    if row is None or row.user_id != user_id:
        abort(409, message="This check-in id is already in use.", errors={"id": ["Already in use."]})
    if row.deleted:
        abort(409, message="This check-in was deleted.", errors={"id": ["Deleted."]})
    return public_view(row)


def _find(record_id: str):
    return db.session.connection().execute(_FIND, {"record_id": record_id}).first()


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
    """Apply a partial update; a field set to null is cleared."""
    get_checkin(user_id, record_id)
    values = columns_from_data(changes)
    values.update(updated_at=now, device_id="api", seq=next_seq(db.session.connection(), user_id))
    db.session.execute(update(TABLE).where(TABLE.c.id == record_id).values(**values))
    db.session.commit()
    return public_view(get_checkin(user_id, record_id))


def delete_checkin(user_id: int, record_id: str, now: datetime) -> None:
    """Delete, leaving a tombstone so other devices learn of it; the health data is erased."""
    get_checkin(user_id, record_id)
    cleared = {name: None for name in DATA_FIELDS}
    db.session.execute(
        update(TABLE).where(TABLE.c.id == record_id).values(
            deleted=True, updated_at=now, device_id="api", seq=next_seq(db.session.connection(), user_id),
            **cleared)
    )
    db.session.commit()


def checkin_records(user_id: int, start: date | None = None, end: date | None = None) -> list[dict]:
    """The owner's live check-ins as plain dicts for the analysis core, oldest first.

    `at` is an aware datetime; other keys are DESIGN.md's field names, empty ones left out.
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
    return as_utc(row.at).astimezone(timezone(timedelta(minutes=row.at_offset or 0)))


def _record_columns(data: dict) -> dict:
    """Columns for sync, whose `data` is the whole record: a field left out is cleared."""
    return {name: None for name in DATA_FIELDS} | columns_from_data(data)


def _tombstone_columns(existing: dict) -> dict:
    """A deleted check-in keeps only its id and time; every health field is erased."""
    return {name: None for name in DATA_FIELDS}


register_record_type(
    "checkin", CheckIn, CheckInDataSchema,
    columns_from_data=_record_columns, data_from_row=data_from_row,
    tombstone_columns=_tombstone_columns,
)
