"""Reading the health exports phones and watches make, into values per local day.

Pure (no Flask, no database): ``read_export`` takes the uploaded file and the person's
time zone and returns an ``Extract``. Which formats exist and how each is read:
docs/health-import.md; where each format's structure comes from: tests/fixtures/README.md.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import BinaryIO, Callable

from . import apple, fitbit, garmin, google_fit, health_connect, oura
from .archive import Progress, Upload
from .common import FIELDS, Extract, ImportFormatError, LocalDays

#: Where one upload holds several formats (a Takeout with Fit and Fitbit), a format earlier
#: here wins a day's field: the watch's own records before a phone app's copy of them.
FORMATS = (apple, fitbit, garmin, oura, health_connect, google_fit)
#: Names and how-to steps per format live once, in the file the PWA reads as well.
SOURCES_FILE = Path(__file__).resolve().parents[3] / "pwa" / "js" / "domain" / "health-sources.json"
NAMES = {s["key"]: s["name"] for s in json.loads(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]}
NOT_RECOGNISED = ("This file is not a health export Emberwise can read. It reads Apple Health "
                  "(export.zip), Google Takeout (Fit or Fitbit), Health Connect, Fitbit, Oura "
                  "and Garmin exports — see “How to export” for the file each one makes.")
NOTHING_FOUND = ("This export holds no sleep, steps, activity, resting heart rate or heart "
                 "rate variability that Emberwise can use.")

__all__ = ["FIELDS", "NAMES", "Extract", "ImportFormatError", "read_export"]


def read_export(file: BinaryIO, name: str, zone: str,
                report: Callable[[float], None] | None = None) -> Extract:
    """Values per local day (in IANA ``zone``) from one uploaded export.

    ``file`` must be seekable; ``report(fraction)`` is called as it is read. Raises
    ImportFormatError, with a message for the person, when the file is not an export
    this reads, is damaged or cut off, or holds nothing usable.
    """
    upload = Upload(file, name)
    found = [(fmt, fmt.members(upload)) for fmt in FORMATS]
    found = [(fmt, names) for fmt, names in found if names]
    if not found:
        raise ImportFormatError(NOT_RECOGNISED)
    to_read = [n for _, names in found for n in names]
    upload.check_total(to_read)
    progress = Progress(report)
    progress.plan(sum(upload.size(n) for n in to_read))
    days = LocalDays(zone)
    values: dict[date, dict[str, float]] = {}
    origins: dict[date, dict[str, str]] = {}
    for fmt, _names in reversed(found):  # earlier formats read last, so they win
        for day, fields in fmt.read(upload, days, progress).items():
            values.setdefault(day, {}).update(fields)
            origins.setdefault(day, {}).update(dict.fromkeys(fields, fmt.KEY))
    if not values:
        raise ImportFormatError(NOTHING_FOUND)
    return Extract(days=dict(sorted(values.items())), sources=[f.KEY for f, _ in found],
                   origins=origins)
