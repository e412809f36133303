"""Health imports for one person: start an upload, take its chunks, read it, undo it.

An upload arrives in chunks small enough for the request size limit (a year of Apple
Health is hundreds of MB); a dropped connection resumes from ``received``. Reading
happens in the background (processing.py); the finishing request waits a few seconds,
so a small file's result — or its error — comes back at once.
"""
from datetime import date, datetime, timedelta

from flask import current_app
from flask_smorest import abort
from sqlalchemy import delete, func, insert, select, update

from server.common.ids import new_id
from server.extensions import db
from server.health_import import processing
from server.health_import.formats import NAMES
from server.health_import.merge import refresh_days
from server.health_import.models import HealthDay, HealthImport, HealthImportChunk, HealthImportDay

TABLE = HealthImport.__table__
OPEN_STATES = ("uploading",)


def chunk_size() -> int:
    """The largest chunk taken, in bytes: the configured size, within the request limit."""
    config = current_app.config
    return min(config["IMPORT_CHUNK_BYTES"], config["MAX_CONTENT_LENGTH"] - 64 * 1024)


def view(record: HealthImport) -> dict:
    """An import as the API serves it."""
    return {
        "id": record.id, "filename": record.filename, "size": record.size,
        "received": record.received, "chunk_size": chunk_size(), "state": record.state,
        "phase": record.phase, "progress": record.progress or 0.0,
        "sources": [{"key": k, "name": NAMES.get(k, k)} for k in record.sources or []],
        "summary": record.summary, "error": record.error, "created_at": record.created_at,
        "finished_at": record.finished_at,
    }


def start_import(user_id: int, filename: str, size: int, now: datetime) -> HealthImport:
    """Open an upload of ``size`` bytes. 413 when larger than IMPORT_MAX_BYTES, 409 when the
    person already has IMPORT_MAX_OPEN unfinished uploads (stale ones are dropped first)."""
    config = current_app.config
    if size > config["IMPORT_MAX_BYTES"]:
        limit = config["IMPORT_MAX_BYTES"] // 1024**2
        abort(413, message=f"This file is larger than the {limit} MB an import can be. Export "
                           "a shorter period, or zip the export first.",
              errors={"size": [f"At most {config['IMPORT_MAX_BYTES']} bytes."]})
    _drop_stale_uploads(now)
    open_count = db.session.execute(select(func.count()).select_from(HealthImport).where(
        HealthImport.user_id == user_id, HealthImport.state.in_(OPEN_STATES))).scalar_one()
    if open_count >= config["IMPORT_MAX_OPEN"]:
        abort(409, message="Finish or cancel the uploads already under way first.")
    record = HealthImport(id=new_id(), user_id=user_id, filename=filename.strip()[-255:],
                          size=size, received=0, state="uploading", progress=0.0,
                          created_at=now, updated_at=now)
    db.session.add(record)
    db.session.commit()
    return record


def _drop_stale_uploads(now: datetime) -> None:
    """Uploads nobody added to for IMPORT_STALE_HOURS are dropped with their bytes, and
    bytes a finished import left behind."""
    cutoff = now - timedelta(hours=current_app.config["IMPORT_STALE_HOURS"])
    db.session.execute(delete(HealthImport).where(HealthImport.state == "uploading",
                                                  HealthImport.updated_at < cutoff))
    # Bytes of finished imports whose worker stopped while dropping them (processing.drop_chunks).
    finished = select(HealthImport.id).where(HealthImport.state.in_(("done", "failed")))
    db.session.execute(delete(HealthImportChunk).where(HealthImportChunk.import_id.in_(finished)))


def list_imports(user_id: int) -> list[HealthImport]:
    return list(db.session.execute(select(HealthImport).where(HealthImport.user_id == user_id)
                                   .order_by(HealthImport.created_at.desc())).scalars())


def get_import(user_id: int, import_id: str, now: datetime | None = None) -> HealthImport:
    """The person's import; 404 for anyone else's. Restarts one whose worker died."""
    record = db.session.get(HealthImport, import_id)
    if record is None or record.user_id != user_id:
        abort(404, message="No such import.")
    if now is not None and processing.lapsed(record, now) and processing.claim(record.id, now):
        processing.start(record.id)
        db.session.refresh(record)
    return record


def receive_chunk(user_id: int, import_id: str, offset: int, data: bytes, now: datetime) -> HealthImport:
    """Store bytes ``[offset, offset + len(data))``. Bytes already held (a retry after a lost
    answer) are taken as received; a gap is refused with 409 so the client resumes where
    the server is."""
    record = get_import(user_id, import_id)
    if not data:
        abort(422, message="The chunk is empty.", errors={"_body": ["Send the file's bytes."]})
    if offset + len(data) <= record.received:
        return record
    if record.state != "uploading":
        abort(409, message="This upload is already complete.")
    if offset > record.received:
        abort(409, message=f"The server has {record.received} bytes of this file; send from there.",
              errors={"offset": [f"Expected {record.received}."]})
    if len(data) > chunk_size():
        abort(413, message=f"Send at most {chunk_size()} bytes at a time.")
    data = data[record.received - offset:]
    if record.received + len(data) > record.size:
        abort(422, message="More bytes than the file's announced size.", errors={"size": ["Exceeded."]})
    _append(record, data, now)
    return record


def _append(record: HealthImport, data: bytes, now: datetime) -> None:
    start = record.received
    moved = db.session.execute(
        update(TABLE).where(TABLE.c.id == record.id, TABLE.c.received == start,
                            TABLE.c.state == "uploading")
        .values(received=start + len(data), updated_at=now))
    if moved.rowcount != 1:  # another request stored these bytes first
        db.session.rollback()
        abort(409, message="Another upload of this file got there first; ask where it is and resume.")
    # Core, not an ORM object: a 2 MB chunk held in the session's bookkeeping lingers until
    # the garbage collector runs, and a long upload piles them up.
    db.session.execute(insert(HealthImportChunk).values(import_id=record.id, start=start, data=data))
    db.session.commit()
    db.session.refresh(record)


def finish_upload(user_id: int, import_id: str, now: datetime) -> HealthImport:
    """Start reading a complete upload; waits up to IMPORT_WAIT_SECONDS for the result.

    409 while bytes are missing. An import already read is returned as it is.
    """
    record = get_import(user_id, import_id)
    if record.state == "uploading":
        if record.received < record.size:
            abort(409, message=f"The upload is not complete: {record.received} of {record.size} bytes.")
        db.session.execute(update(TABLE).where(TABLE.c.id == record.id, TABLE.c.state == "uploading")
                           .values(state="processing", phase="waiting", updated_at=now))
        db.session.commit()
    if record.state in ("uploading", "processing") and processing.claim(record.id, now):
        processing.start(record.id).join(current_app.config["IMPORT_WAIT_SECONDS"])
    db.session.expire_all()
    return get_import(user_id, import_id)


def undo_import(user_id: int, import_id: str, now: datetime) -> HealthImport:
    """Take back everything one import added, as one unit; undoing twice is harmless.

    Days another live import also covers keep that import's values. 409 unless done.
    """
    record = get_import(user_id, import_id)
    if record.state == "undone":
        return record
    if record.state != "done":
        abort(409, message="Only a finished import can be undone.")
    days = list(db.session.execute(select(HealthImportDay.local_date)
                                   .where(HealthImportDay.import_id == record.id)).scalars())
    db.session.execute(delete(HealthImportDay).where(HealthImportDay.import_id == record.id))
    record.state, record.updated_at = "undone", now
    db.session.flush()
    counts = refresh_days(user_id, days, now) if days else {}
    record.summary = {**(record.summary or {}), "undone_days": counts.get("removed", 0)}
    db.session.commit()
    return record


def delete_import(user_id: int, import_id: str) -> None:
    """Cancel an upload, or clear from the list an import that holds nothing (failed,
    undone, or a file already imported). 409 while it is being read or its days are in use."""
    record = get_import(user_id, import_id)
    if record.state == "processing":
        abort(409, message="This file is being read; wait until it is done.")
    if record.state == "done" and _has_days(record.id):
        abort(409, message="Undo this import first.")
    db.session.delete(record)
    db.session.commit()


def imported_days(user_id: int) -> list[dict]:
    """The person's imported days for the analysis: [{"date": date, <field>: number …}]."""
    rows = db.session.execute(select(HealthDay.data).where(HealthDay.user_id == user_id,
                                                           HealthDay.deleted.is_(False)))
    days = []
    for (data,) in rows:
        values = {k: v for k, v in (data or {}).items() if k not in ("date", "sources")}
        days.append({"date": date.fromisoformat(data["date"]), **values})
    return days


def _has_days(import_id: str) -> bool:
    return db.session.execute(select(HealthImportDay.local_date)
                              .where(HealthImportDay.import_id == import_id).limit(1)).first() is not None


def health_day_columns(data: dict) -> dict:
    """A validated health_day as its JSON column (the date as ISO text)."""
    return {"data": {**data, "date": str(data["date"])}}

