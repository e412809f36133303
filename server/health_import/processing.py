"""Reading an uploaded export in the background, one at a time per process, under a lease.

``start`` hands an import to a thread; the thread waits for this process's slot (one
export is read at a time, which is what keeps memory bounded), then checks, reads and
saves it. Progress and the lease are written on their own short transactions; everything
the import changes is written in one transaction at the end, so a file that fails half
way leaves nothing behind. A worker that dies leaves a lapsed lease, and the next status
request starts the import again from its stored chunks.
"""
import hashlib
import io
import logging
import threading
import time
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update

from server.accounts.models import User
from server.common.time import today_in, utcnow
from server.extensions import db
from server.health_import import formats
from server.health_import.chunks import ChunkReader
from server.health_import.merge import refresh_days
from server.health_import.models import HealthImport, HealthImportChunk, HealthImportDay

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
REPORT_EVERY_SECONDS = 0.5
#: Share of the progress bar each phase fills: checking the file, reading it, saving.
PHASES = {"checking": (0.0, 0.1), "reading": (0.1, 0.95), "saving": (0.95, 1.0)}
_SLOT = threading.Semaphore(1)
DROP_BATCH = 4  # chunks deleted per transaction: 8 MB at the default chunk size
GENERIC_FAILURE = ("Something went wrong reading this file. Nothing from it was saved; "
                   "try again, and if it keeps happening, export your data again.")
TABLE = HealthImport.__table__


def lapsed(record: HealthImport, now: datetime) -> bool:
    """True when an import being read has no live worker (none yet, or its lease ran out).

    Status requests check this on the row they already read before trying ``claim``: a
    claim is a write, and on SQLite it would wait behind the reader's saving transaction."""
    return record.state == "processing" and (record.lease_until is None or record.lease_until < now)


def claim(import_id: str, now: datetime) -> bool:
    """Take the import for processing: it is waiting for it, or its last worker's lease lapsed."""
    with db.engine.begin() as connection:
        taken = connection.execute(
            update(TABLE).where(TABLE.c.id == import_id, TABLE.c.state == "processing",
                                or_(TABLE.c.lease_until.is_(None), TABLE.c.lease_until < now))
            .values(lease_until=now + LEASE, phase="waiting", progress=0.0, updated_at=now))
    return taken.rowcount == 1


def start(import_id: str) -> threading.Thread:
    """Process the (claimed) import in a thread of this process; returns the thread."""
    app = current_app._get_current_object()
    thread = threading.Thread(target=_run, args=(app, import_id), name=f"import-{import_id[:8]}",
                              daemon=True)
    thread.start()
    return thread


def _run(app, import_id: str) -> None:
    with app.app_context():
        try:
            while not _SLOT.acquire(timeout=LEASE.total_seconds() / 4):
                _report(import_id, "waiting", 0.0)  # keep the lease while another file is read
            try:
                process(import_id)
            finally:
                _SLOT.release()
        finally:
            db.session.remove()


def _report(import_id: str, phase: str, fraction: float) -> None:
    low, high = PHASES.get(phase, (0.0, 0.0))
    now = utcnow()
    with db.engine.begin() as connection:
        connection.execute(update(TABLE).where(TABLE.c.id == import_id).values(
            phase=phase, progress=round(low + (high - low) * fraction, 3),
            lease_until=now + LEASE, updated_at=now))


class Reporter:
    """``report(fraction)`` for one phase, written at most every REPORT_EVERY_SECONDS."""

    def __init__(self, import_id: str, phase: str):
        self.import_id, self.phase, self.last = import_id, phase, 0.0
        _report(import_id, phase, 0.0)

    def __call__(self, fraction: float) -> None:
        if time.monotonic() - self.last >= REPORT_EVERY_SECONDS:
            self.last = time.monotonic()
            _report(self.import_id, self.phase, fraction)


def process(import_id: str) -> None:
    """Check, read and save one import; leaves it done or failed, its chunks deleted."""
    record = db.session.get(HealthImport, import_id)
    if record is None or record.state != "processing":
        return
    user = db.session.get(User, record.user_id)
    try:
        _process(record, user)
    except formats.ImportFormatError as exc:
        _fail(import_id, str(exc))
    except Exception:  # a bug must not leave the import spinning for ever
        log.exception("import %s failed", import_id)
        _fail(import_id, GENERIC_FAILURE)


def _process(record: HealthImport, user: User) -> None:
    digest = _sha256(record.id)
    earlier = db.session.execute(
        select(HealthImport).where(HealthImport.user_id == user.id, HealthImport.sha256 == digest,
                                   HealthImport.state == "done", HealthImport.id != record.id)
        .order_by(HealthImport.created_at)).scalars().first()
    if earlier is not None:
        return _finish(record, digest, [], {"duplicate_of": earlier.id, "days": 0, **_dates([])},
                       earlier.sources)
    # Buffered: zipfile expects whole reads, and chunk boundaries would cut them short.
    reader = io.BufferedReader(ChunkReader(record.id), 1024 * 1024)
    extract = formats.read_export(reader, record.filename, user.timezone, Reporter(record.id, "reading"))
    _report(record.id, "saving", 0.0)
    today = today_in(user.timezone, utcnow())
    days = {d: v for d, v in extract.days.items() if d <= today}
    for day, values in days.items():
        db.session.add(HealthImportDay(import_id=record.id, local_date=day, user_id=user.id,
                                       values=values, sources=extract.origins[day]))
    summary = {"days": len(days), **_dates(list(days)), "fields": _field_counts(days),
               "future_days_skipped": len(extract.days) - len(days)}
    _finish(record, digest, list(days), summary, extract.sources)


def _finish(record: HealthImport, digest: str, days: list, summary: dict, sources=None) -> None:
    now = utcnow()
    record.state, record.sha256, record.finished_at, record.updated_at = "done", digest, now, now
    record.phase, record.progress, record.lease_until = None, 1.0, None
    record.sources = sources or []
    db.session.flush()
    summary.update(refresh_days(record.user_id, days, now) if days else {})
    record.summary = summary
    db.session.commit()
    drop_chunks(record.id)


def _fail(import_id: str, message: str) -> None:
    db.session.rollback()
    now = utcnow()
    db.session.execute(update(TABLE).where(TABLE.c.id == import_id).values(
        state="failed", error=message, phase=None, lease_until=None, finished_at=now, updated_at=now))
    db.session.commit()
    drop_chunks(import_id)


def drop_chunks(import_id: str) -> None:
    """Delete an import's uploaded bytes a few chunks per transaction.

    Not in the import's own transaction: with secure_delete a 500 MB upload takes SQLite
    seconds to overwrite, and one writer holding the lock that long makes every other
    write (anyone's check-in) wait past its busy timeout and fail. The result is already
    committed, so chunks left by a crash here are only leftovers: the next upload sweeps
    them (service._drop_stale_uploads)."""
    chunk = HealthImportChunk.__table__
    while True:
        with db.engine.begin() as connection:
            starts = select(chunk.c.start).where(chunk.c.import_id == import_id).limit(DROP_BATCH)
            gone = connection.execute(delete(chunk).where(chunk.c.import_id == import_id,
                                                          chunk.c.start.in_(starts))).rowcount
        if not gone:
            return


def _sha256(import_id: str) -> str:
    """The file's SHA-256, which tells the same export uploaded again."""
    reader = ChunkReader(import_id)
    report = Reporter(import_id, "checking")
    digest = hashlib.sha256()
    while data := reader.read(1024 * 1024):
        digest.update(data)
        report(reader.tell() / max(reader.size, 1))
    return digest.hexdigest()


def _dates(days: list) -> dict:
    return {"first_date": min(days).isoformat() if days else None,
            "last_date": max(days).isoformat() if days else None}


def _field_counts(days: dict) -> dict:
    counts: dict[str, int] = {}
    for values in days.values():
        for name in values:
            counts[name] = counts.get(name, 0) + 1
    return {name: counts[name] for name in formats.FIELDS if name in counts}
