"""Oura: the data export of the Oura app and membership hub.

Two documented shapes: the current export, semicolon-separated CSVs named after Oura's
API v2 collections (sleepmodel.csv, dailysleep.csv, dailyactivity.csv; durations in
seconds), and the older JSON export with "sleep" and "activity" lists in the API v1 shape
(sleep durations in seconds, activity times in minutes). Structure: tests/fixtures/README.md.
"""
from __future__ import annotations

from datetime import date, datetime

from .archive import Progress, Upload
from .common import DayTable, LocalDays, Night, epoch, merged, put_nights
from .textfiles import load_csv, load_json, number

KEY = "oura"
CSV_FILES = ("sleepmodel.csv", "dailysleep.csv", "dailyactivity.csv")
EPOCH_SECONDS = 300   # one character of sleep_phase_5_min / hypnogram_5min
AWAKE_PHASE = "4"     # 1 deep, 2 light, 3 REM, 4 awake


def _csv(upload: Upload, base: str) -> list[str]:
    return [n for n in upload.names() if n.rsplit("/", 1)[-1].lower() == base]


def _json_exports(upload: Upload) -> list[str]:
    found = []
    for name in upload.names():
        if name.lower().endswith(".json") and "oura" in name.rsplit("/", 1)[-1].lower():
            head = upload.peek(name, 2048)
            if b'"sleep"' in head or b'"activity"' in head or b'"readiness"' in head:
                found.append(name)
    return found


def members(upload: Upload) -> list[str]:
    return [n for base in CSV_FILES for n in _csv(upload, base)] + _json_exports(upload)


def read(upload: Upload, days: LocalDays, progress: Progress) -> dict[date, dict[str, float]]:
    table = DayTable()
    scores = {row.get("day"): number(row.get("score"))
              for name in _csv(upload, "dailysleep.csv") for row in _rows(upload, name, progress)}
    nights = [_v2_night(row, scores, table) for name in _csv(upload, "sleepmodel.csv")
              for row in _rows(upload, name, progress)]
    for name in _csv(upload, "dailyactivity.csv"):
        for row in _rows(upload, name, progress):
            _activity(table, row.get("day"), row.get("steps"),
                      [number(row.get("medium_activity_time")), number(row.get("high_activity_time"))], 60)
    for name in _json_exports(upload):
        nights += _v1(load_json(upload, name, progress), table, days)
    put_nights(table, [n for n in nights if n], days)
    return table.finish()


def _rows(upload: Upload, name: str, progress: Progress) -> list[dict]:
    return load_csv(upload, name, progress, delimiter=";")


def _instant(text) -> float | None:
    try:
        return epoch(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return None


def _phases(start: float | None, phases) -> list[tuple[float, float]]:
    """Asleep intervals from a string of 5-minute phases beginning at bedtime."""
    if start is None or not isinstance(phases, str):
        return []
    return merged((start + i * EPOCH_SECONDS, start + (i + 1) * EPOCH_SECONDS)
                  for i, phase in enumerate(phases) if phase.isdigit() and phase != AWAKE_PHASE)


def _v2_night(row: dict, scores: dict, table: DayTable) -> Night | None:
    try:
        day = date.fromisoformat(row.get("day", ""))
    except ValueError:
        return None
    total = number(row.get("total_sleep_duration"))
    if total is None:
        return None
    main = row.get("type") == "long_sleep"
    if main:
        table.put(day, "resting_heart_rate", number(row.get("lowest_heart_rate")))
        table.put(day, "hrv_rmssd", number(row.get("average_hrv")))
    spans = _phases(_instant(row.get("bedtime_start")), row.get("sleep_phase_5_min"))
    return Night(asleep=spans, main=main, asleep_seconds=total, day=day, staged=True,
                 score=scores.get(row.get("day")))


def _activity(table: DayTable, day_text, steps, times: list, per_minute: int) -> None:
    try:
        day = date.fromisoformat(day_text or "")
    except ValueError:
        return
    table.put(day, "steps", number(steps))
    known = [t for t in times if t is not None]
    if known:
        table.put(day, "activity_minutes", sum(known) / per_minute)


def _v1(export, table: DayTable, days: LocalDays) -> list[Night]:
    """The older JSON export: {"sleep": [...], "activity": [...]} in the API v1 shape."""
    if not isinstance(export, dict):
        return []
    for item in export.get("activity") or []:
        if isinstance(item, dict):
            _activity(table, item.get("summary_date"), item.get("steps"),
                      [number(item.get("medium")), number(item.get("high"))], 1)
    nights = []
    for item in export.get("sleep") or []:
        if not isinstance(item, dict) or number(item.get("total")) is None:
            continue
        start, end = _instant(item.get("bedtime_start")), _instant(item.get("bedtime_end"))
        if end is None:
            continue
        main = item.get("is_longest") == 1
        day = days.of(end)  # summary_date is the evening the night began; a night belongs to its morning
        if main:
            table.put(day, "resting_heart_rate", number(item.get("hr_lowest")))
            table.put(day, "hrv_rmssd", number(item.get("rmssd")))
        nights.append(Night(asleep=_phases(start, item.get("hypnogram_5min")), main=main,
                            asleep_seconds=number(item["total"]), day=day, staged=True,
                            score=number(item.get("score"))))
    return nights
