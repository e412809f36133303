"""Reading the small JSON and CSV files of an export, with errors a person can act on."""
from __future__ import annotations

import csv
import io
import json

from .archive import Progress, Upload, short
from .common import ImportFormatError


def load_json(upload: Upload, name: str, progress: Progress):
    """A JSON member, parsed; a damaged one is an ImportFormatError naming the file."""
    data = upload.read_small(name, progress)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFormatError(f"{short(name)} is damaged or cut off: it is not complete "
                                "JSON. Export your data again and import the new file.") from exc


def load_csv(upload: Upload, name: str, progress: Progress, delimiter: str = ",") -> list[dict]:
    """A CSV member as a list of {column: text} rows (header names stripped)."""
    data = upload.read_small(name, progress)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{short(name)} is not UTF-8 text.") from exc
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
                for row in reader]
    except csv.Error as exc:
        raise ImportFormatError(f"{short(name)} cannot be read as CSV: {exc}.") from exc
    return rows


def csv_header(upload: Upload, name: str, delimiter: str = ",") -> list[str]:
    """The column names of a CSV member (from its first line)."""
    first = upload.peek(name, 8192).decode("utf-8-sig", "replace").splitlines()
    return [h.strip().strip('"') for h in first[0].split(delimiter)] if first else []


def number(text) -> float | None:
    """A number from a cell or JSON value; None for empty or unreadable ones."""
    if text is None or text == "":
        return None
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def as_list(value, name: str) -> list:
    if not isinstance(value, list):
        raise ImportFormatError(f"{short(name)} does not hold the list of entries its kind of "
                                "file holds.")
    return value
