"""Google Fit in Google Takeout: daily activity metrics (CSV) and sleep sessions (JSON).

Takeout/Fit/Daily activity metrics/Daily activity metrics.csv holds one row per local date
("Date", "Move Minutes count", "Step count", …); Takeout/Fit/All Sessions/<start>_SLEEP.json
holds one sleep session, its times in UTC. Column names follow the Google account's
language: English ones are read. Structure: tests/fixtures/README.md.
"""
from __future__ import annotations

from datetime import date, datetime

from .archive import Progress, Upload
from .common import DayTable, LocalDays, Night, epoch, merged, put_nights
from .textfiles import csv_header, load_csv, load_json, number

KEY = "google_fit"
ASLEEP = frozenset({"sleep", "sleep.light", "sleep.deep", "sleep.rem"})
STAGED = frozenset({"sleep.light", "sleep.deep", "sleep.rem"})
DAILY_COLUMNS = {"Move Minutes count": "activity_minutes", "Step count": "steps"}


def members(upload: Upload) -> list[str]:
    return daily_files(upload) + sleep_files(upload)


def daily_files(upload: Upload) -> list[str]:
    return [n for n in upload.names() if n.lower().endswith(".csv") and _is_daily(upload, n)]


def _is_daily(upload: Upload, name: str) -> bool:
    header = csv_header(upload, name)
    return bool(header) and header[0] == "Date" and bool(set(DAILY_COLUMNS) & set(header))


def sleep_files(upload: Upload) -> list[str]:
    return [n for n in upload.names() if n.endswith("_SLEEP.json")]


def read(upload: Upload, days: LocalDays, progress: Progress) -> dict[date, dict[str, float]]:
    table = DayTable()
    for name in daily_files(upload):
        for row in load_csv(upload, name, progress):
            _daily_row(table, row)
    nights = [n for n in (_night(load_json(upload, name, progress)) for name in sleep_files(upload)) if n]
    put_nights(table, nights, days)
    return table.finish()


def _daily_row(table: DayTable, row: dict) -> None:
    try:
        day = date.fromisoformat(row.get("Date", ""))
    except ValueError:
        return
    for column, name in DAILY_COLUMNS.items():
        table.put(day, name, number(row.get(column)))


def _instant(text) -> float | None:
    try:
        return epoch(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return None


def _night(session) -> Night | None:
    """A sleep session: its asleep segments, or the whole session where it has none."""
    if not isinstance(session, dict) or session.get("fitnessActivity") != "sleep":
        return None
    segments = session.get("segment") if isinstance(session.get("segment"), list) else []
    spans, staged = [], False
    for segment in segments:
        if isinstance(segment, dict) and segment.get("fitnessActivity") in ASLEEP:
            start, end = _instant(segment.get("startTime")), _instant(segment.get("endTime"))
            if start is not None and end is not None:
                spans.append((start, end))
                staged |= segment["fitnessActivity"] in STAGED
    if not segments:  # one block: how long, but not when the person woke
        start, end = _instant(session.get("startTime")), _instant(session.get("endTime"))
        if start is None or end is None:
            return None
        return Night(asleep=[(start, end)], timeline=False)
    return Night(asleep=merged(spans), staged=staged) if spans else None
