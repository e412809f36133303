"""Garmin Connect's data export (the account's "Export your data" archive).

DI_CONNECT/DI-Connect-Wellness/*_sleepData.json: one entry per night, its calendarDate
the morning it ended, stage seconds, Garmin's own count of awakenings and sleep score.
DI_CONNECT/DI-Connect-Aggregator/UDSFile_*.json: one daily summary per calendarDate
(steps, intensity minutes, resting heart rate). Structure: tests/fixtures/README.md.
"""
from __future__ import annotations

from datetime import date

from .archive import Progress, Upload
from .common import DayTable, LocalDays, Night, put_nights
from .textfiles import as_list, load_json, number

KEY = "garmin"


def _sleep_files(upload: Upload) -> list[str]:
    return [n for n in upload.names() if n.endswith("_sleepData.json")]


def _daily_files(upload: Upload) -> list[str]:
    return [n for n in upload.names()
            if n.rsplit("/", 1)[-1].startswith("UDSFile_") and n.endswith(".json")]


def members(upload: Upload) -> list[str]:
    return _sleep_files(upload) + _daily_files(upload)


def _day(entry) -> date | None:
    try:
        return date.fromisoformat(entry["calendarDate"])
    except (KeyError, TypeError, ValueError):
        return None  # Garmin pads its files with entries that carry no date


def read(upload: Upload, days: LocalDays, progress: Progress) -> dict[date, dict[str, float]]:
    table = DayTable()
    nights = [n for name in _sleep_files(upload)
              for n in map(_night, as_list(load_json(upload, name, progress), name)) if n]
    put_nights(table, nights, days)
    for name in _daily_files(upload):
        for entry in as_list(load_json(upload, name, progress), name):
            _daily(table, entry)
    return table.finish()


def _score(entry: dict) -> float | None:
    scores = entry.get("sleepScores")
    if not isinstance(scores, dict):
        return None
    overall = scores.get("overallScore", scores.get("overall"))
    return number(overall.get("value") if isinstance(overall, dict) else overall)


def _night(entry) -> Night | None:
    day = _day(entry) if isinstance(entry, dict) else None
    if day is None:
        return None
    stages = [number(entry.get(k)) for k in ("deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds")]
    known = [s for s in stages if s is not None]
    asleep = sum(known) if known else number(entry.get("sleepTimeSeconds"))
    if not asleep:
        return None
    awake = number(entry.get("awakeCount"))
    return Night(asleep=[], main=True, asleep_seconds=asleep, day=day, score=_score(entry),
                 wakings=None if awake is None else int(awake), staged=stages[2] is not None)


def _daily(table: DayTable, entry) -> None:
    day = _day(entry) if isinstance(entry, dict) else None
    if day is None:
        return
    table.put(day, "steps", number(entry.get("totalSteps")))
    minutes = [number(entry.get(k)) for k in ("moderateIntensityMinutes", "vigorousIntensityMinutes")]
    known = [m for m in minutes if m is not None]
    if known:
        table.put(day, "activity_minutes", sum(known))
    table.put(day, "resting_heart_rate", number(entry.get("restingHeartRate")))
