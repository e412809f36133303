"""What every export format produces: values per local day, and the rules they share.

Pure: no Flask, no database. A format reader fills a ``DayTable``; the rules for nights
(sessions, wakings, which night a day gets) live here so every format follows the same ones.
Method and sources: docs/health-import.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

#: Every value an import can give a day, and the range a real one falls in. Values outside
#: are a device glitch (a 30-hour night, 0 bpm while not worn) and are left out.
LIMITS: dict[str, tuple[float, float]] = {
    "sleep_hours": (0.5, 24), "sleep_quality": (0, 10), "night_wakings": (0, 60),
    "activity_minutes": (0, 1440), "steps": (0, 150_000),
    "resting_heart_rate": (25, 150), "hrv_sdnn": (1, 400), "hrv_rmssd": (1, 400),
}
FIELDS = tuple(LIMITS)
#: Whole numbers as a person would type them; the rest keep a little precision.
WHOLE = frozenset({"sleep_quality", "night_wakings", "activity_minutes", "steps"})

#: An awake stretch shorter than this inside a night is not counted as a waking: people do
#: not remember brief arousals, and typed and imported counts must mean the same thing.
#: Our own choice (docs/health-import.md).
MIN_WAKING_SECONDS = 5 * 60
#: More than this awake between two stretches of sleep ends one sleep session.
SESSION_GAP_SECONDS = 2 * 3600
#: A session counts as a night when it reaches into 00:00–07:00 local time, or holds at
#: least this much sleep (so a day sleeper's main sleep counts, an afternoon nap does not).
NIGHT_WINDOW_END_HOUR = 7
LONG_SLEEP_SECONDS = 4 * 3600

EARLIEST_DAY = date(2000, 1, 1)


class ImportFormatError(ValueError):
    """The file cannot be read as a health export; the message is written for the person."""


def clean_value(name: str, value) -> float | None:
    """``value`` rounded as the field is kept, or None when missing or out of range."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    low, high = LIMITS[name]
    if not math.isfinite(number) or not low <= number <= high:
        return None
    if name in WHOLE:
        return float(math.floor(number + 0.5))  # half up, as a person rounds
    return round(number, 2)


@dataclass
class DayTable:
    """Values per local date, filled by one format reader.

    ``put`` keeps one value per day and field (the last one put). ``add`` and ``mean``
    accumulate; ``by_source`` sums per source and keeps, per day, the source that counted
    most — so a phone and a watch counting the same steps are never added together.
    """

    values: dict[date, dict[str, float]] = field(default_factory=dict)
    _sums: dict[tuple[date, str], list[float]] = field(default_factory=dict)
    _sourced: dict[tuple[date, str], dict[str, float]] = field(default_factory=dict)

    def put(self, day: date, name: str, value) -> None:
        cleaned = clean_value(name, value)
        if cleaned is not None and day >= EARLIEST_DAY:
            self.values.setdefault(day, {})[name] = cleaned

    def mean(self, day: date, name: str, value) -> None:
        if clean_value(name, value) is not None:
            total = self._sums.setdefault((day, name), [0.0, 0])
            total[0] += float(value)
            total[1] += 1

    def by_source(self, day: date, name: str, source: str, value: float) -> None:
        sums = self._sourced.setdefault((day, name), {})
        sums[source] = sums.get(source, 0.0) + value

    def finish(self) -> dict[date, dict[str, float]]:
        """The table's values per day, with means and per-source sums resolved."""
        for (day, name), (total, count) in self._sums.items():
            self.put(day, name, total / count)
        for (day, name), sums in self._sourced.items():
            self.put(day, name, max(sums.values()))
        self._sums, self._sourced = {}, {}
        return {day: dict(v) for day, v in sorted(self.values.items()) if v}


class LocalDays:
    """Local dates of instants in one time zone, cached per hour (exports hold millions)."""

    def __init__(self, zone: str):
        self.zone = ZoneInfo(zone)
        self._cache: dict[int, date] = {}

    def of(self, epoch_seconds: float) -> date:
        hour = int(epoch_seconds // 3600)
        day = self._cache.get(hour)
        if day is None:
            day = datetime.fromtimestamp(hour * 3600, self.zone).date()
            self._cache[hour] = day
        return day

    def local(self, epoch_seconds: float) -> datetime:
        return datetime.fromtimestamp(epoch_seconds, self.zone)


def epoch(at: datetime) -> float:
    """Seconds since 1970 of an aware datetime (naive ones are taken as UTC)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.timestamp()


@dataclass
class Night:
    """One sleep session: asleep intervals (epoch seconds), and what the device says of it."""

    asleep: list[tuple[float, float]]
    main: bool | None = None          # the device's own "main sleep" flag, when it has one
    asleep_seconds: float | None = None  # the device's own total, when it gives one
    wakings: int | None = None        # the device's own count, when there are no intervals
    score: float | None = None        # a 0–100 sleep score, when the device gives one
    day: date | None = None           # the device's own date for the night, when it gives one
    staged: bool = False              # light/deep/REM recorded (a watch, not a guess)
    timeline: bool = True             # the intervals show when the person woke (not one block)

    @property
    def start(self) -> float:
        return self.asleep[0][0] if self.asleep else 0.0

    @property
    def end(self) -> float:
        return self.asleep[-1][1] if self.asleep else 0.0

    def total(self) -> float:
        if self.asleep_seconds is not None:
            return self.asleep_seconds
        return sum(b - a for a, b in self.asleep)

    def awakenings(self) -> int | None:
        """Awake stretches of at least MIN_WAKING_SECONDS between falling asleep and waking up."""
        if not self.asleep or not self.timeline:
            return self.wakings
        gaps = (b[0] - a[1] for a, b in zip(self.asleep, self.asleep[1:]))
        return sum(1 for gap in gaps if gap >= MIN_WAKING_SECONDS)


def merged(intervals) -> list[tuple[float, float]]:
    """Overlapping or touching intervals joined, sorted by start."""
    out: list[list[float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def sessions(intervals, gap: float = SESSION_GAP_SECONDS) -> list[list[tuple[float, float]]]:
    """Asleep intervals split into sessions wherever the person was awake longer than ``gap``."""
    groups: list[list[tuple[float, float]]] = []
    for interval in merged(intervals):
        if groups and interval[0] - groups[-1][-1][1] <= gap:
            groups[-1].append(interval)
        else:
            groups.append([interval])
    return groups


def is_night(night: Night, days: LocalDays) -> bool:
    """Main sleep rather than a nap: reaches into 00:00–07:00 of the day it ends, or is long."""
    if night.main is not None:
        return night.main
    if night.total() >= LONG_SLEEP_SECONDS:
        return True
    end = days.local(night.end)
    window_start = end.replace(hour=0, minute=0, second=0, microsecond=0)
    window_end = window_start + timedelta(hours=NIGHT_WINDOW_END_HOUR)
    return night.start < window_end.timestamp() and night.end > window_start.timestamp()


def put_nights(table: DayTable, nights: list[Night], days: LocalDays) -> None:
    """Give each local day the longest night that ended on it (a night belongs to its morning).

    A night's own date, where the device gives one, wins over the date of its end.
    """
    best: dict[date, Night] = {}
    for night in nights:
        if night.total() <= 0 or not is_night(night, days):
            continue
        day = night.day or days.of(night.end)
        if day not in best or night.total() > best[day].total():
            best[day] = night
    for day, night in best.items():
        table.put(day, "sleep_hours", night.total() / 3600)
        table.put(day, "night_wakings", night.awakenings())
        if night.score is not None:
            table.put(day, "sleep_quality", night.score / 10)


def prefer_staged(nights_by_source: dict[str, list[Night]], days: LocalDays) -> list[Night]:
    """One source per night where several recorded it: a source that recorded sleep stages
    (a watch) over one that did not, then the one that saw more sleep. Never added together."""
    chosen: dict[date, Night] = {}
    for nights in nights_by_source.values():
        for night in nights:
            if night.total() <= 0 or not is_night(night, days):
                continue
            day = night.day or days.of(night.end)
            held = chosen.get(day)
            if held is None or (night.staged, night.total()) > (held.staged, held.total()):
                chosen[day] = night
    return list(chosen.values())


@dataclass
class Extract:
    """What one export held: values per local day, the formats read, and which format
    gave each day's each value (``origins[day][field]``)."""

    days: dict[date, dict[str, float]]
    sources: list[str]
    origins: dict[date, dict[str, str]] = field(default_factory=dict)
