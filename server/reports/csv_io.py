"""CSV export of check-ins (one row per check-in) and CSV import with a column mapping.

Pure: takes and returns plain dicts and text. Columns and cell formats are documented in
docs/export.md. Import is idempotent: each row gets a deterministic UUID (see `row_id`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# (field, kind, lo, hi): kinds int, num, bool, list, meds, custom, text, instant.
FIELDS: tuple[tuple[str, str, float | None, float | None], ...] = (
    ("id", "uuid", None, None),
    ("at", "instant", None, None),
    ("pain", "int", 0, 10),
    ("flare", "bool", None, None),
    ("locations", "list", None, None),
    ("qualities", "list", None, None),
    ("sleep_hours", "num", 0, 24),
    ("sleep_quality", "int", 0, 10),
    ("night_wakings", "int", 0, None),
    ("stress", "int", 0, 10),
    ("mood", "int", 0, 10),
    ("energy", "int", 0, 10),
    ("activity_minutes", "int", 0, None),
    ("activity_effort", "int", 0, 10),
    ("activities", "list", None, None),
    ("rest_breaks", "int", 0, None),
    ("nsaid_doses", "int", 0, None),
    ("medications", "meds", None, None),
    ("meal_regularity", "int", 0, 10),
    ("late_meal", "bool", None, None),
    ("alcohol_units", "num", 0, None),
    ("breathing_minutes", "int", 0, None),
    ("mindfulness_minutes", "int", 0, None),
    ("red_flags", "list", None, None),
    ("custom", "custom", None, None),
    ("notes", "text", None, 2000),
)
KINDS = {name: (kind, lo, hi) for name, kind, lo, hi in FIELDS}
EXPORT_COLUMNS = ["id", "at", "local_date"] + [f for f, *_ in FIELDS if f not in ("id", "at")]
IMPORTABLE = [f for f, *_ in FIELDS]
MAX_ROWS = 20000
EMPTY_MARK = (
    "none"  # an empty list ("asked, nothing to report"), unlike an empty cell ("not recorded")
)

_NS = uuid.UUID("0c6f0d4e-2d1b-5d8e-a3c4-7e2f1a9b6c51")
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f", ""}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class CsvError(ValueError):
    """The file as a whole cannot be read (not CSV, no header, too many rows)."""


@dataclass
class ImportPlan:
    """Rows that passed validation (line number, check-in dict) and the rejected ones."""

    good: list[tuple[int, dict]]
    rejected: list[dict]


# ---- export -------------------------------------------------------------------------


def _guard(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula; `_unguard` undoes it."""
    return "'" + text if text.startswith(_FORMULA) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA) else text


def _num(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def format_cell(field: str, value) -> str:
    """One check-in value as CSV text (empty for None); inverse of `parse_cell`."""
    if value is None:
        return ""
    kind = KINDS[field][0] if field in KINDS else "text"
    if kind in ("list", "meds", "custom") and not value:
        return EMPTY_MARK
    if kind == "bool":
        return "true" if value else "false"
    if kind == "list":
        return ";".join(value)
    if kind == "meds":
        return _guard(
            ";".join(
                f"{m['name']}:{_num(m['dose_mg'])}" if m.get("dose_mg") is not None else m["name"]
                for m in value
            )
        )
    if kind == "custom":
        return ";".join(f"{k}={_num(v)}" for k, v in sorted(value.items()))
    if kind == "instant" or isinstance(value, (date, datetime)):
        return value.isoformat()
    if kind in ("int", "num"):
        return _num(value)
    return _guard(str(value))


def export_csv(checkins: list[dict]) -> str:
    """Check-ins (check-in field names, `at` aware) as CSV text, oldest first, no tombstones."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for c in sorted(
        (c for c in checkins if not c.get("deleted")), key=lambda c: (c["at"], str(c["id"]))
    ):
        writer.writerow([format_cell(col, c.get(col)) for col in EXPORT_COLUMNS])
    return out.getvalue()


# ---- import -------------------------------------------------------------------------


def read_csv(data: bytes | str) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a CSV file (UTF-8, BOM allowed; delimiter sniffed among , ; tab).

    Raises CsvError when the text is not decodable, has no header, or exceeds MAX_ROWS.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CsvError("The file is not UTF-8 text.") from exc
    data = data.lstrip("\ufeff")
    if not data.strip():
        raise CsvError("The file is empty.")
    first_line = data.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)  # the header decides; cells may hold any of them
    try:
        rows = list(csv.reader(io.StringIO(data), delimiter=delimiter))
    except csv.Error as exc:
        raise CsvError(f"Cannot read the file as CSV: {exc}.") from exc
    header = [h.strip() for h in rows[0]]
    if not any(header):
        raise CsvError("The first line must name the columns.")
    if len(rows) - 1 > MAX_ROWS:
        raise CsvError(f"At most {MAX_ROWS} rows can be imported at once.")
    return header, rows[1:]


_SYNONYMS = {
    "at": (
        "at",
        "timestamp",
        "datetime",
        "date_time",
        "time",
        "date",
        "recorded_at",
        "created",
        "when",
        "day",
    ),
    "pain": (
        "pain",
        "pain_level",
        "pain_score",
        "painscore",
        "nrs",
        "pain_intensity",
        "pain_0_10",
        "level",
    ),
    "flare": ("flare", "flare_up", "flareup", "is_flare"),
    "sleep_hours": ("sleep_hours", "sleep", "hours_slept", "sleep_duration", "sleep_h"),
    "sleep_quality": ("sleep_quality",),
    "stress": ("stress", "stress_level"),
    "mood": ("mood",),
    "energy": ("energy", "fatigue_energy"),
    "notes": ("notes", "note", "comment", "comments", "journal", "diary"),
    "locations": ("locations", "location", "body_regions", "where"),
    "medications": ("medications", "medication", "meds", "drugs"),
    "nsaid_doses": ("nsaid_doses", "nsaids", "nsaid", "ibuprofen"),
}


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """A first guess at {field: header}: exact field names first, then common synonyms."""
    by_norm = {}
    for h in headers:
        by_norm.setdefault(_norm(h), h)
    mapping: dict[str, str] = {}
    for f in IMPORTABLE:
        for alias in (f, *_SYNONYMS.get(f, ())):
            header = by_norm.get(alias)
            if header and header not in mapping.values():
                mapping[f] = header
                break
    return mapping


def mapping_errors(mapping: dict[str, str], headers: list[str]) -> dict[str, list[str]]:
    """Problems with a {field: header} mapping, keyed by field ({} when usable)."""
    errors: dict[str, list[str]] = {}
    for f, h in mapping.items():
        if f not in KINDS:
            errors.setdefault(f, []).append("Not a check-in field.")
        elif h not in headers:
            errors.setdefault(f, []).append(f"The file has no column {h!r}.")
    if "at" not in mapping:
        errors.setdefault("at", []).append("Choose the column with the date or time.")
    return errors


def parse_instant(text: str, zone: str) -> datetime:
    """ISO 8601 with offset, or local date-time / date in `zone` (a bare date means noon)."""
    text = text.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.combine(date.fromisoformat(text), time(12), ZoneInfo(zone))
    at = datetime.fromisoformat(text)
    return at if at.tzinfo else at.replace(tzinfo=ZoneInfo(zone))


def _number(text: str, kind: str, lo, hi):
    try:
        v = float(text.replace(",", ".")) if kind == "num" else float(text)
    except ValueError:
        raise ValueError("Not a number.") from None
    if not math.isfinite(v):
        raise ValueError("Not a number.")
    if kind == "int":
        if not v.is_integer():
            raise ValueError("Must be a whole number.")
        v = int(v)
    if lo is not None and v < lo or hi is not None and v > hi:
        raise ValueError(
            f"Must be between {lo} and {hi}." if hi is not None else f"Must be at least {lo}."
        )
    return v


def _meds(text: str) -> list[dict]:
    meds = []
    for part in filter(None, (p.strip() for p in _unguard(text).split(";"))):
        name, sep, dose = part.rpartition(":")
        if sep and re.fullmatch(r"\s*\d+(\.\d+)?\s*", dose):
            meds.append({"name": name.strip(), "dose_mg": _number(dose.strip(), "num", 0, None)})
        else:
            meds.append({"name": part, "dose_mg": None})
    return meds


def _custom(text: str) -> dict:
    out = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise ValueError("Use key=number pairs separated by ';'.")
        out[key.strip()] = _number(value.strip(), "num", None, None)
    return out


def parse_cell(field: str, text: str, zone: str = "UTC"):
    """The check-in value for one CSV cell (None when blank); raises ValueError with a message."""
    kind, lo, hi = KINDS[field]
    text = text.strip()
    if text == "" and kind != "bool":
        return None
    if kind == "bool":
        low = text.lower()
        if low not in _TRUE | _FALSE:
            raise ValueError("Use true/false, yes/no or 1/0.")
        return None if low == "" else low in _TRUE
    if kind in ("int", "num"):
        return _number(text, kind, lo, hi)
    if kind in ("list", "meds", "custom") and text.lower() == EMPTY_MARK:
        return {} if kind == "custom" else []
    if kind == "list":
        return [p.strip() for p in re.split(r"[;|]", text) if p.strip()]
    if kind == "meds":
        return _meds(text)
    if kind == "custom":
        return _custom(text)
    if kind == "instant":
        return parse_instant(text, zone)
    if kind == "uuid":
        try:
            return str(uuid.UUID(text))
        except ValueError:
            raise ValueError(
                "Not a UUID (leave the id column unmapped for rows from other apps)."
            ) from None
    if hi is not None and len(text) > hi:
        raise ValueError(f"At most {int(hi)} characters.")
    return _unguard(text)


def parse_row(
    values: dict[str, str], zone: str, vocabulary: dict[str, set[str]] | None = None
) -> tuple[dict, dict]:
    """One mapped row ({field: cell text}) → (check-in dict without blanks, {field: [errors]})."""
    checkin, errors = {}, {}
    for f, text in values.items():
        try:
            value = parse_cell(f, text or "", zone)
        except ValueError as exc:
            errors[f] = [
                str(exc)
                if str(exc) and "invalid" not in str(exc).lower()
                else f"Cannot read {text!r}."
            ]
            continue
        unknown = (
            [v for v in value if v not in vocabulary[f]]
            if vocabulary and f in vocabulary and value
            else []
        )
        if unknown:
            errors[f] = [f"Not on the list: {', '.join(unknown)}."]
        elif value is not None:
            checkin[f] = value
    if "at" not in checkin and "at" not in errors:
        errors["at"] = ["A date or time is required."]
    return checkin, errors


def plan_import(
    header: list[str],
    rows: list[list[str]],
    mapping: dict[str, str],
    zone: str,
    vocabulary: dict[str, set[str]] | None = None,
) -> ImportPlan:
    """Validates every row; `row` numbers are file line numbers (the header is line 1)."""
    index = {f: header.index(h) for f, h in mapping.items()}
    good, rejected = [], []
    for n, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {f: (row[i] if i < len(row) else "") for f, i in index.items()}
        checkin, errors = parse_row(values, zone, vocabulary)
        if errors:
            rejected.append({"row": n, "errors": errors})
        else:
            good.append((n, checkin))
    return ImportPlan(good, rejected)


def normalised(checkin: dict) -> str:
    """Canonical JSON of a parsed row without its id: equal rows give equal text."""

    def default(v):
        return v.isoformat() if isinstance(v, (date, datetime)) else str(v)

    body = {k: v for k, v in checkin.items() if k != "id"}
    if "at" in body:
        body["at"] = body["at"].astimezone(ZoneInfo("UTC"))
    return json.dumps(body, sort_keys=True, default=default, separators=(",", ":"))


def row_id(checkin: dict, user_id: int | str) -> str:
    """The id a row is stored under: its own UUID column if it has one, else uuid5 of the
    person and the normalised row — so importing the same file again finds the same ids."""
    if checkin.get("id"):
        return str(checkin["id"])
    return str(uuid.uuid5(_NS, f"{user_id}|{normalised(checkin)}"))


def foreign_id(checkin_id: str, user_id: int | str) -> str:
    """A stand-in id for a row whose UUID already belongs to someone else's check-in."""
    return str(uuid.uuid5(_NS, f"{user_id}|id|{checkin_id}"))
