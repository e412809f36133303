"""Android Health Connect: the export "Health Connect.zip" holding health_connect_export.db.

The database is copied to a temporary file (SQLite needs one) and read with plain queries.
Times are epoch milliseconds (UTC). Tables, columns and the sleep stage numbers follow
Android's Health Connect platform; see tests/fixtures/README.md.
"""
from __future__ import annotations

import sqlite3
import tempfile
from datetime import date

from .archive import Progress, Upload
from .common import DayTable, ImportFormatError, LocalDays, Night, merged, prefer_staged, put_nights

KEY = "health_connect"
DB_NAME = "health_connect_export.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
#: SleepSessionRecord.StageType: 2 sleeping, 4 light, 5 deep, 6 REM (1, 3, 7: awake kinds).
ASLEEP = {2: False, 4: True, 5: True, 6: True}  # stage -> tells a stage apart (a watch)
DAMAGED = ("The Health Connect database in this file is damaged. Export your data from "
           "Health Connect again and import the new file.")


def members(upload: Upload) -> list[str]:
    if upload.zip is None:
        return [upload.name] if upload.head.startswith(SQLITE_MAGIC) else []
    return [n for n in upload.names() if n.rsplit("/", 1)[-1] == DB_NAME][:1]


def read(upload: Upload, days: LocalDays, progress: Progress) -> dict[date, dict[str, float]]:
    name = members(upload)[0]
    with tempfile.NamedTemporaryFile(suffix=".db") as copy:
        upload.extract(name, copy, progress)
        copy.flush()
        try:
            connection = sqlite3.connect(f"file:{copy.name}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise ImportFormatError(DAMAGED) from exc
        try:
            return _read_tables(connection, days)
        except sqlite3.DatabaseError as exc:
            raise ImportFormatError(DAMAGED) from exc
        finally:
            connection.close()


def _read_tables(connection: sqlite3.Connection, days: LocalDays) -> dict:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    table = DayTable()
    readers = {"sleep_session_record_table": _sleep, "steps_record_table": _steps,
               "exercise_session_record_table": _exercise,
               "resting_heart_rate_record_table": _resting,
               "heart_rate_variability_rmssd_record_table": _hrv}
    for name, reader in readers.items():
        if name in tables:
            try:
                reader(connection, table, days)
            except sqlite3.OperationalError:
                continue  # a column this Health Connect version names differently: skip it
    return table.finish()


def _sleep(connection, table: DayTable, days: LocalDays) -> None:
    stages: dict[int, list[tuple[float, float]]] = {}
    staged: set[int] = set()
    for parent, start, end, kind in connection.execute(
            "SELECT parent_key, stage_start_time, stage_end_time, stage_type FROM sleep_stages_table"):
        if kind in ASLEEP:
            stages.setdefault(parent, []).append((start / 1000, end / 1000))
            if ASLEEP[kind]:
                staged.add(parent)
    by_app: dict[int, list[Night]] = {}
    for row_id, start, end, app in connection.execute(
            "SELECT row_id, start_time, end_time, app_info_id FROM sleep_session_record_table"):
        spans = stages.get(row_id)
        night = (Night(asleep=merged(spans), staged=row_id in staged) if spans
                 else Night(asleep=[(start / 1000, end / 1000)], timeline=False))  # no stages: one block
        by_app.setdefault(app, []).append(night)
    put_nights(table, prefer_staged({str(k): v for k, v in by_app.items()}, days), days)


def _steps(connection, table: DayTable, days: LocalDays) -> None:
    for start, count, app in connection.execute(
            "SELECT start_time, count, app_info_id FROM steps_record_table"):
        if count is not None:
            table.by_source(days.of(start / 1000), "steps", str(app), float(count))


def _exercise(connection, table: DayTable, days: LocalDays) -> None:
    for start, end, app in connection.execute(
            "SELECT start_time, end_time, app_info_id FROM exercise_session_record_table"):
        if end > start:
            table.by_source(days.of(start / 1000), "activity_minutes", str(app), (end - start) / 60000)


def _resting(connection, table: DayTable, days: LocalDays) -> None:
    for at, bpm in connection.execute(
            "SELECT time, beats_per_minute FROM resting_heart_rate_record_table"):
        table.mean(days.of(at / 1000), "resting_heart_rate", bpm)


def _hrv(connection, table: DayTable, days: LocalDays) -> None:
    for at, millis in connection.execute(
            "SELECT time, heart_rate_variability_millis FROM heart_rate_variability_rmssd_record_table"):
        table.mean(days.of(at / 1000), "hrv_rmssd", millis)
