"""Apple Health: export.zip (apple_health_export/export.xml) or export.xml itself.

The file is streamed through expat (constant memory, whatever its size); only top-level
<Record> and <ActivitySummary> elements are looked at. Structure: the DTD Apple writes at
the head of export.xml ("HealthKit Export Version"), and tests/fixtures/README.md.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime
from xml.parsers import expat

from .archive import Metered, Progress, Upload, guarded
from .common import DayTable, ImportFormatError, LocalDays, Night, prefer_staged, put_nights, sessions

KEY = "apple_health"

SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
STEPS = "HKQuantityTypeIdentifierStepCount"
EXERCISE = "HKQuantityTypeIdentifierAppleExerciseTime"
RESTING_HR = "HKQuantityTypeIdentifierRestingHeartRate"
HRV = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN"
_VALUE = "HKCategoryValueSleepAnalysis"
#: Sleep values that mean asleep ("Asleep" before iOS 16, the stages since). InBed is not sleep.
ASLEEP = frozenset(_VALUE + v for v in ("Asleep", "AsleepUnspecified", "AsleepCore",
                                         "AsleepDeep", "AsleepREM"))
STAGED = frozenset(_VALUE + v for v in ("AsleepCore", "AsleepDeep", "AsleepREM"))
#: Units a value is accepted in (a record in another unit is skipped, never misread).
UNITS = {STEPS: "count", EXERCISE: "min", RESTING_HR: "count/min", HRV: "ms"}
CHUNK = 1024 * 1024
# Control characters XML 1.0 forbids; some older exports carry a stray \x0b in a name.
_FORBIDDEN = bytes(i for i in range(32) if i not in (9, 10, 13))
TRUNCATED = ("This export.xml ends too early — it looks cut off. Export your data from the "
             "Health app again and import the new file.")


def members(upload: Upload) -> list[str]:
    """The export.xml in the upload (any name: the file is localised on some iPhones)."""
    found = []
    for name in upload.names():
        base = name.rsplit("/", 1)[-1].lower()
        if base.endswith(".xml") and "cda" not in base and _is_health_data(upload.peek(name)):
            found.append(name)
    return found[:1]


def _is_health_data(head: bytes) -> bool:
    return b"<HealthData" in head or b"<!DOCTYPE HealthData" in head


def parse_time(text: str) -> float:
    """Epoch seconds of Apple's "2024-03-15 23:12:08 +0100"; ValueError when malformed."""
    if len(text) != 25 or text[19] != " ":
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z").timestamp()
    offset = (int(text[21:23]) * 3600 + int(text[23:25]) * 60) * (-1 if text[20] == "-" else 1)
    fields = (int(text[0:4]), int(text[5:7]), int(text[8:10]),
              int(text[11:13]), int(text[14:16]), int(text[17:19]))
    return calendar.timegm(fields) - offset


class Reader:
    """Collects what an export.xml holds, record by record."""

    def __init__(self, days: LocalDays):
        self.days = days
        self.table = DayTable()
        self.sleep: dict[str, list[tuple[float, float]]] = {}
        self.staged_sources: set[str] = set()
        self.exercise = DayTable()
        self.summaries: dict[date, float] = {}
        self.depth = 0
        self.handlers = {SLEEP: self.on_sleep, STEPS: self.on_steps, EXERCISE: self.on_exercise,
                         RESTING_HR: self.on_resting, HRV: self.on_hrv}

    def start(self, name: str, attrs: dict) -> None:
        self.depth += 1
        if self.depth != 2:  # records inside a Correlation repeat top-level ones
            return
        if name == "Record":
            handler = self.handlers.get(attrs.get("type"))
            if handler is not None:
                try:
                    handler(attrs)
                except (KeyError, ValueError, IndexError):
                    pass  # one malformed record is skipped, not the whole export
        elif name == "ActivitySummary":
            self.on_summary(attrs)

    def end(self, _name: str) -> None:
        self.depth -= 1

    def quantity(self, attrs: dict) -> tuple[float, float] | None:
        if attrs.get("unit") != UNITS[attrs["type"]]:
            return None
        return parse_time(attrs["startDate"]), float(attrs["value"])

    def on_sleep(self, attrs: dict) -> None:
        value = attrs.get("value")
        if value not in ASLEEP:
            return
        source = attrs.get("sourceName", "")
        span = (parse_time(attrs["startDate"]), parse_time(attrs["endDate"]))
        self.sleep.setdefault(source, []).append(span)
        if value in STAGED:
            self.staged_sources.add(source)

    def on_steps(self, attrs: dict) -> None:
        found = self.quantity(attrs)
        if found:
            self.table.by_source(self.days.of(found[0]), "steps", attrs.get("sourceName", ""), found[1])

    def on_exercise(self, attrs: dict) -> None:
        found = self.quantity(attrs)
        if found:
            day = self.days.of(found[0])
            self.exercise.by_source(day, "activity_minutes", attrs.get("sourceName", ""), found[1])

    def on_resting(self, attrs: dict) -> None:
        found = self.quantity(attrs)
        if found:
            self.table.mean(self.days.of(found[0]), "resting_heart_rate", found[1])

    def on_hrv(self, attrs: dict) -> None:
        found = self.quantity(attrs)
        if found:
            self.table.mean(self.days.of(found[0]), "hrv_sdnn", found[1])

    def on_summary(self, attrs: dict) -> None:
        try:
            day = date.fromisoformat(attrs.get("dateComponents", ""))
            self.summaries[day] = float(attrs["appleExerciseTime"])
        except (KeyError, ValueError):
            pass

    def finish(self) -> dict[date, dict[str, float]]:
        nights = {source: [Night(asleep=s, staged=source in self.staged_sources)
                           for s in sessions(spans)] for source, spans in self.sleep.items()}
        put_nights(self.table, prefer_staged(nights, self.days), self.days)
        self._put_exercise()
        return self.table.finish()

    def _put_exercise(self) -> None:
        """Exercise minutes: the day's Activity summary where there is one, else the records.

        Only from the first day a watch recorded exercise: summaries from before (or from a
        phone alone) say 0, which would read as "no activity" rather than "not measured".
        """
        recorded = self.exercise.finish()
        if not recorded:
            return
        first = min(recorded)
        for day, values in recorded.items():
            self.table.put(day, "activity_minutes", values["activity_minutes"])
        for day, minutes in self.summaries.items():
            if day >= first:
                self.table.put(day, "activity_minutes", minutes)


def read(upload: Upload, days: LocalDays, progress: Progress) -> dict[date, dict[str, float]]:
    """Values per local day from the upload's export.xml."""
    name = members(upload)[0]
    reader = Reader(days)
    with guarded():
        stream = Metered(upload.open(name), progress)
        _parse(stream, reader)
    return reader.finish()


def _parser(reader: Reader):
    parser = expat.ParserCreate("UTF-8")
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    return parser


def _parse(stream: Metered, reader: Reader) -> None:
    """Feed the XML to expat from <HealthData on: the DTD before it is skipped unread, as
    Apple's own has been malformed (iOS 16 left an ATTLIST unclosed)."""
    parser = _parser(reader)
    head = b""
    while b"<HealthData" not in head:
        chunk = stream.read(CHUNK)
        if not chunk or len(head) > 16 * CHUNK:
            raise ImportFormatError("This is not an Apple Health export.xml.")
        head += chunk
    try:
        parser.Parse(b'<?xml version="1.0" encoding="UTF-8"?>\n', False)
        parser.Parse(head[head.index(b"<HealthData"):].translate(None, _FORBIDDEN), False)
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk.translate(None, _FORBIDDEN), False)
    except expat.ExpatError as exc:
        raise ImportFormatError(
            "This export.xml is damaged and cannot be read. Export your data from the Health "
            "app again and import the new file.") from exc
    try:
        parser.Parse(b"", True)
    except expat.ExpatError as exc:  # the document stopped before </HealthData>
        raise ImportFormatError(TRUNCATED) from exc
