"""From what each import gave a day to what the person has for that day.

Where several live imports gave the same day a value, the latest import wins that field
(the person's latest action, e.g. a fresh export of the same watch); its source is kept
beside it. Writes go through sync's write path, so devices learn of every change and an
unchanged day is not written at all.
"""
import uuid
from datetime import date, datetime

from sqlalchemy import select

from server.common.chunking import chunked
from server.extensions import db
from server.health_import.models import HealthDay, HealthImport, HealthImportDay
from server.sync.registry import RECORD_TYPES
from server.sync.service import Change, SyncResult, apply_changes, lock_person

_IDS = uuid.UUID("5f0c8d1e-9a4b-4f27-8b0e-3c6d2a1f7e94")
DEVICE = "import"  # the writer named on imported records


def day_id(user_id: int, day: date) -> str:
    """The id of a person's health_day record for ``day``: the same every time."""
    return str(uuid.uuid5(_IDS, f"{user_id}/{day.isoformat()}"))


def record_data(day: date, values: dict, sources: dict) -> dict:
    """A health_day record's data: the date, the values, and where each came from."""
    return {"date": day.isoformat(), **values, "sources": sources}


def merged_values(rows) -> tuple[dict, dict]:
    """({field: value}, {field: source}) of one day's import rows, oldest import first."""
    values, sources = {}, {}
    for row in rows:
        values.update(row.values)
        sources.update({k: row.sources.get(k) for k in row.values})
    return values, sources


def _live_rows(user_id: int, days: list[date]) -> dict[date, list]:
    found: dict[date, list] = {}
    for chunk in chunked(days):
        query = (select(HealthImportDay.local_date, HealthImportDay.values, HealthImportDay.sources)
                 .join(HealthImport, HealthImport.id == HealthImportDay.import_id)
                 .where(HealthImportDay.user_id == user_id, HealthImport.state == "done",
                        HealthImportDay.local_date.in_(chunk))
                 .order_by(HealthImport.created_at, HealthImport.id))
        for row in db.session.execute(query):
            found.setdefault(row.local_date, []).append(row)
    return found


def _live_ids(user_id: int, ids: list[str]) -> set[str]:
    live = set()
    for chunk in chunked(ids):
        live |= set(db.session.execute(
            select(HealthDay.id).where(HealthDay.user_id == user_id, HealthDay.deleted.is_(False),
                                       HealthDay.id.in_(chunk))).scalars())
    return live


def refresh_days(user_id: int, days: list[date], now: datetime) -> dict:
    """Rewrite the person's health_day records for ``days`` from their live imports.

    A day no live import covers any more becomes a tombstone. Does not commit. Returns
    {"new": n, "changed": n, "removed": n, "unchanged": n}.
    """
    # Held until commit before reading the imports: two imports saved at once would otherwise
    # each merge without the other's days, and the later would win.
    lock_person(user_id)
    days = sorted(set(days))
    rows = _live_rows(user_id, days)
    live = _live_ids(user_id, [day_id(user_id, d) for d in days])
    record_type = RECORD_TYPES["health_day"]
    changes, counts = [], {"new": 0, "changed": 0, "removed": 0, "unchanged": 0}
    for day in days:
        record_id = day_id(user_id, day)
        if day in rows:
            changes.append(Change(record_type, record_id, now, False, record_data(day, *merged_values(rows[day]))))
        elif record_id in live:
            changes.append(Change(record_type, record_id, now, True, None))
    result = SyncResult(cursor=0)
    written = apply_changes(user_id, DEVICE, changes, now, result)
    wrote = {i for i, version in result.versions.items() if version in written}
    for change in changes:
        if change.id not in wrote:
            continue  # unchanged, or a day the person deleted themselves (it stays deleted)
        kind = "removed" if change.deleted else "changed" if change.id in live else "new"
        counts[kind] += 1
    counts["unchanged"] = len(days) - len(wrote)
    return counts
