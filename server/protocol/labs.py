"""Lab catalogue from rules/labs.json: canonical units, standard conversions and optimal bands.

Pure module (no Flask, no database). Two bands are kept apart on purpose: the
laboratory's own reference range, which the person types in from their report, and the
narrower "optimal" targets of one functional-medicine source. The app shows both side
by side, labelled, and never merges them. The PWA's labs.js reads the same file;
tests/vectors/labs.json holds the cases both run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from server.rules import rule_table

TABLE = rule_table("labs")
SOURCE_H = TABLE["optimal"]["source"]
OPTIMAL_LABEL = TABLE["optimal"]["label"]


class UnitError(ValueError):
    """A unit is unknown for a test, or no standard factor links two units."""


@dataclass(frozen=True)
class Band:
    """A closed range [low, high] in `unit`; either end may be open (None).

    `high_exclusive` is for targets stated as "below X": X itself is outside.
    """

    low: float | None
    high: float | None
    unit: str
    high_exclusive: bool = False
    label: str = ""
    source: str = ""

    def position(self, value: float) -> str:
        """Return "below", "within" or "above" for a value in this band's unit."""
        if self.low is not None and value < self.low:
            return "below"
        if self.high is not None and (value > self.high or (self.high_exclusive and value >= self.high)):
            return "above"
        return "within"


@dataclass(frozen=True)
class LabTest:
    """One catalogue entry.

    `units` maps every accepted unit to (factor, offset) with
    canonical = value * factor + offset (empty for a panel). `loinc_checked` is False
    where the code was not cross-checked; such codes are shown as unverified.
    """

    key: str
    name: str
    unit: str
    units: dict[str, tuple[float, float]]
    loinc: str | None = None
    loinc_checked: bool = False
    optimal: Band | None = None
    note: str = ""
    panel: bool = False  # many markers: the person names the marker and its unit; nothing converts
    markers: tuple[str, ...] = field(default=())


def _optimal(band: dict | None) -> "Band | None":
    if band is None:
        return None
    return Band(band["low"], band["high"], band["unit"], high_exclusive=band["high_exclusive"],
                label=OPTIMAL_LABEL, source=SOURCE_H)


def _test(entry: dict) -> "LabTest":
    return LabTest(entry["key"], entry["name"], entry["unit"],
                   {u: (float(f), float(o)) for u, (f, o) in entry["units"].items()},
                   loinc=entry["loinc"], loinc_checked=entry["loinc_checked"],
                   optimal=_optimal(entry["optimal"]), note=entry["note"],
                   panel=entry.get("panel", False), markers=tuple(entry.get("markers", ())))


CATALOGUE: dict[str, "LabTest"] = {e["key"]: _test(e) for e in TABLE["tests"]}

CUSTOM = "custom"


def factor_for(key: str, unit: str) -> tuple[float, float]:
    """Return (factor, offset) taking `unit` to the test's canonical unit; raises UnitError."""
    try:
        return CATALOGUE[key].units[unit]
    except KeyError:
        raise UnitError(f"{unit!r} is not a unit with a standard conversion for {key!r}") from None


def convert(key: str, value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value of test `key` between two of its units; raises UnitError.

    For a custom test, only the identity conversion is allowed.
    """
    if from_unit == to_unit:
        return value
    if key == CUSTOM:
        raise UnitError("a custom test has no standard conversion")
    f1, o1 = factor_for(key, from_unit)
    f2, o2 = factor_for(key, to_unit)
    return ((value * f1 + o1) - o2) / f2


@dataclass(frozen=True)
class Assessment:
    """Where one result sits: against the lab's reference range and the optimal band."""

    value: float
    unit: str
    reference: str | None
    optimal: str | None
    optimal_band: Band | None


def assess(key: str, value: float, unit: str, reference: Band | None = None) -> Assessment:
    """Place a result in both bands. `reference` is the lab's range in any accepted unit.

    Returns positions "below"/"within"/"above", or None where a band is missing or no
    standard factor links the result's unit to the band's.
    """
    band = CATALOGUE[key].optimal if key in CATALOGUE else None
    return Assessment(value, unit, _position(reference, key, value, unit),
                      _position(band, key, value, unit), band)


def _position(band: Band | None, key: str, value: float, unit: str) -> str | None:
    if band is None:
        return None
    try:
        return band.position(convert(key, value, unit, band.unit))
    except UnitError:
        return None


def catalogue_json() -> list[dict]:
    """The catalogue as plain JSON-ready dicts (for the API and the PWA)."""
    return [_test_json(t) for t in CATALOGUE.values()] + [{
        "key": CUSTOM, "name": "Custom test", "unit": None, "units": [], "factors": {}, "loinc": None,
        "loinc_checked": False, "optimal": None, "note": "Any test; units are not converted.",
        "panel": False, "markers": [],
    }]


def _test_json(t: LabTest) -> dict:
    opt = None
    if t.optimal:
        o = t.optimal
        opt = {"low": o.low, "high": o.high, "unit": o.unit, "high_exclusive": o.high_exclusive,
               "label": o.label, "source": o.source}
    return {"key": t.key, "name": t.name, "unit": t.unit, "units": list(t.units),
            "factors": {u: list(fo) for u, fo in t.units.items()},
            "loinc": t.loinc, "loinc_checked": t.loinc_checked, "optimal": opt, "note": t.note,
            "panel": t.panel, "markers": list(t.markers)}
