"""Fitbit's data export: the account archive (MyFitbitData/<name>/…) or Google Takeout
(Takeout/Fitbit/Global Export Data/…). Files are found by their names wherever they sit.

sleep-YYYY-MM-DD.json: sleep logs in local time with the date Fitbit gives the night
(dateOfSleep: the morning it ended). steps-*.json: minute counts stamped in UTC.
very_/moderately_active_minutes-*.json and resting_heart_rate-*.json: one entry per local
date. sleep_score.csv: the sleep score per log. "Daily Heart Rate Variability Summary"
CSVs: nightly RMSSD. Structure: tests/fixtures/README.md.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from .archive import Progress, Upload
from .common import DayTable, LocalDays, Night, epoch, merged, put_nights
from .textfiles import as_list, load_csv, load_json, number

KEY = "fitbit"
_DATED = r"-\d{4}-\d{2}-\d{2}\.json$"
PATTERNS = {
    "sleep": re.compile(r"^sleep" + _DATED),
    "steps": re.compile(r"^steps" + _DATED),
    "active": re.compile(r"^(very|moderately)_active_minutes" + _DATED),
    "resting": re.compile(r"^resting_heart_rate" + _DATED),
    "score": re.compile(r"^sleep_score\.csv$"),
    "hrv": re.compile(r"^Daily Heart Rate Variability Summary - .*\.csv$"),
}
ASLEEP = frozenset({"deep", "light", "rem", "asleep"})
STAGED = frozenset({"deep", "light", "rem"})


def _files(upload: Upload, kind: str) -> list[str]:
    pattern = PATTERNS[kind]
    return [n for n in upload.names() if pattern.match(n.rsplit("/", 1)[-1])]


def members(upload: Upload) -> list[str]:
    return [n for kind in PATTERNS for n in _files(upload, kind)]


def _us_date(text) -> datetime | None:
    """Fitbit's "01/15/23 08:00:00" (month/day/year)."""
    try:
        return datetime.strptime(text, "%m/%d/%y %H:%M:%S")
    except (TypeError, ValueError):
        return None


def read(upload: Upload, days: LocalDays, progress: Progress) -> dict[date, dict[str, float]]:
    table = DayTable()
    scores = _scores(upload, progress)
    nights = [night for name in _files(upload, "sleep")
              for night in _nights(as_list(load_json(upload, name, progress), name), scores)]
    put_nights(table, nights, days)
    for name in _files(upload, "steps"):
        _steps(table, as_list(load_json(upload, name, progress), name), days)
    for name in _files(upload, "active"):
        _daily(table, as_list(load_json(upload, name, progress), name), "activity_minutes")
    for name in _files(upload, "resting"):
        _resting(table, as_list(load_json(upload, name, progress), name))
    for name in _files(upload, "hrv"):
        _hrv(table, load_csv(upload, name, progress))
    return _measured(table.finish())


def _measured(days: dict) -> dict:
    """Active minutes only where the tracker also counted steps: the export pads its daily
    series with zeros past the day it was made, which would read as idle days."""
    for values in days.values():
        if not values.get("steps"):
            values.pop("activity_minutes", None)
    return {day: values for day, values in days.items() if values}


def _scores(upload: Upload, progress: Progress) -> dict[str, float]:
    scores = {}
    for name in _files(upload, "score"):
        for row in load_csv(upload, name, progress):
            score = number(row.get("overall_score"))
            if score is not None:
                scores[row.get("sleep_log_entry_id", "")] = score
    return scores


def _local(text) -> float | None:
    """Seconds of a local "2023-01-14T23:10:30.000" counted as if UTC: only gaps matter here."""
    try:
        return epoch(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return None


def _nights(logs: list, scores: dict[str, float]) -> list[Night]:
    nights = []
    for log in logs:
        if not isinstance(log, dict):
            continue
        try:
            day = date.fromisoformat(log["dateOfSleep"])
            asleep = float(log["minutesAsleep"]) * 60
        except (KeyError, TypeError, ValueError):
            continue
        spans, levels = _levels(log)
        nights.append(Night(asleep=merged(spans), main=bool(log.get("mainSleep", log.get("isMainSleep", True))),
                            asleep_seconds=asleep, day=day, staged=bool(levels & STAGED),
                            score=scores.get(str(log.get("logId")))))
    return nights


def _levels(log: dict) -> tuple[list[tuple[float, float]], set[str]]:
    """Asleep intervals from the log's levels, which follow each other without gaps.

    Times are counted on from the first stamp by each level's seconds rather than read
    from each stamp: stamps are local clock times, which jump an hour at a DST change.
    """
    levels = log.get("levels")
    data = levels.get("data") if isinstance(levels, dict) else None
    entries = [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []
    clock = _local(entries[0].get("dateTime")) if entries else None
    spans, seen = [], set()
    for entry in entries if clock is not None else []:
        seconds = number(entry.get("seconds")) or 0.0
        if entry.get("level") in ASLEEP and seconds > 0:
            spans.append((clock, clock + seconds))
            seen.add(entry["level"])
        clock += seconds
    return spans, seen


def _steps(table: DayTable, entries: list, days: LocalDays) -> None:
    for entry in entries:
        at = _us_date(entry.get("dateTime")) if isinstance(entry, dict) else None
        value = number(entry.get("value")) if at else None
        if value:  # minute stamps are UTC; the day is the person's
            table.by_source(days.of(epoch(at)), "steps", KEY, value)


def _daily(table: DayTable, entries: list, name: str) -> None:
    for entry in entries:
        at = _us_date(entry.get("dateTime")) if isinstance(entry, dict) else None
        value = number(entry.get("value")) if at else None
        if value is not None:
            table.by_source(at.date(), name, KEY, value)


def _resting(table: DayTable, entries: list) -> None:
    for entry in entries:
        at = _us_date(entry.get("dateTime")) if isinstance(entry, dict) else None
        value = entry.get("value") if at else None
        if isinstance(value, dict):
            table.put(at.date(), "resting_heart_rate", number(value.get("value")))


def _hrv(table: DayTable, rows: list[dict]) -> None:
    for row in rows:
        try:
            day = datetime.fromisoformat(row.get("timestamp", "")).date()
        except ValueError:
            continue
        table.put(day, "hrv_rmssd", number(row.get("rmssd")))
