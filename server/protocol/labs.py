"""Lab catalogue: canonical units, standard unit conversions and optimal bands with sources.

Pure module (no Flask, no database). Two bands are kept apart on purpose: the
laboratory's own reference range, which the person types in from their report,
and the narrower "optimal" targets of the functional-medicine source [H]. The app
shows both side by side and never merges them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_H = 'W. Le, PA-C, "Chronic Pain: Rewiring the Pain System" (functional-medicine view)'


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
    canonical = value * factor + offset. `loinc_checked` is False where the code
    was not cross-checked; such codes are shown as unverified.
    """

    key: str
    name: str
    unit: str
    units: dict[str, tuple[float, float]]
    loinc: str | None = None
    loinc_checked: bool = False
    optimal: Band | None = None
    note: str = ""
    aliases: tuple[str, ...] = field(default=())


def _optimal(low, high, unit, *, exclusive=False):
    return Band(low, high, unit, high_exclusive=exclusive, label="optimal (functional medicine)", source=SOURCE_H)


# Factors: vitamin D 1 ng/mL = 2.496 nmol/L [H]; HbA1c mmol/mol = (% - 2.15) x 10.929 [H];
# the rest are the standard SI factors from molar masses (Mg 24.305 g/mol; B12 1355.4 g/mol;
# free T4 776.9 g/mol; free T3 651 g/mol). Fasting insulin pmol/L is left out on purpose:
# laboratories use both 6.0 and 6.945 pmol per mIU, so there is no single standard factor.
CATALOGUE: dict[str, LabTest] = {t.key: t for t in (
    LabTest("hs_crp", "hs-CRP (high-sensitivity C-reactive protein)", "mg/L",
            {"mg/L": (1.0, 0.0), "mg/dL": (10.0, 0.0)},
            loinc="30522-7", loinc_checked=True,
            optimal=_optimal(None, 1.0, "mg/L", exclusive=True),
            note="A marker of systemic inflammation."),
    LabTest("esr", "ESR (erythrocyte sedimentation rate)", "mm/h", {"mm/h": (1.0, 0.0)},
            loinc="4537-7", loinc_checked=True,
            note="Raised in autoimmune disease and infection; no optimal target given."),
    LabTest("vitamin_d", "Vitamin D (25-OH)", "ng/mL",
            {"ng/mL": (1.0, 0.0), "nmol/L": (1 / 2.496, 0.0)},
            loinc="1989-3", loinc_checked=True,
            optimal=_optimal(50.0, 70.0, "ng/mL"),
            note="Al Faraj 2003 found 83% of people with chronic low-back pain deficient."),
    LabTest("magnesium_rbc", "Magnesium, red blood cell", "mg/dL",
            {"mg/dL": (1.0, 0.0), "mmol/L": (2.4305, 0.0)},
            loinc="29900-7", loinc_checked=False,
            optimal=_optimal(5.5, 6.5, "mg/dL"),
            note="Serum magnesium stays normal until depletion is severe."),
    LabTest("b12", "Vitamin B12", "pg/mL",
            {"pg/mL": (1.0, 0.0), "ng/L": (1.0, 0.0), "pmol/L": (1.3554, 0.0)},
            loinc="2132-9", loinc_checked=True,
            note="Read together with methylmalonic acid."),
    LabTest("mma", "Methylmalonic acid", "nmol/L",
            {"nmol/L": (1.0, 0.0), "µmol/L": (1000.0, 0.0), "umol/L": (1000.0, 0.0)},
            loinc="13964-2", loinc_checked=False,
            note="Rises before serum B12 falls; a screen for B12-related nerve problems."),
    LabTest("fasting_insulin", "Fasting insulin", "mIU/L",
            {"mIU/L": (1.0, 0.0), "µIU/mL": (1.0, 0.0), "uIU/mL": (1.0, 0.0)},
            loinc="20448-7", loinc_checked=False,
            optimal=_optimal(None, 7.0, "mIU/L", exclusive=True),
            note="20448-7 is insulin in serum or plasma; it does not itself say 'fasting'."),
    LabTest("hba1c", "HbA1c", "%",
            {"%": (1.0, 0.0), "mmol/mol": (1 / 10.929, 2.15)},
            loinc="4548-4", loinc_checked=True,
            optimal=_optimal(None, 5.5, "%", exclusive=True),
            note="Average blood sugar over about three months."),
    LabTest("tsh", "TSH", "mIU/L", {"mIU/L": (1.0, 0.0), "µIU/mL": (1.0, 0.0), "uIU/mL": (1.0, 0.0)},
            loinc="3016-3", loinc_checked=True,
            note="Part of a full thyroid panel; hypothyroid muscle pain is often missed."),
    LabTest("free_t4", "Free T4", "ng/dL", {"ng/dL": (1.0, 0.0), "pmol/L": (1 / 12.87, 0.0)},
            loinc="3024-7", loinc_checked=True),
    LabTest("free_t3", "Free T3", "pg/mL", {"pg/mL": (1.0, 0.0), "pmol/L": (1 / 1.536, 0.0)},
            loinc="3051-0", loinc_checked=True),
    LabTest("omega3_index", "Omega-3 index", "%", {"%": (1.0, 0.0)},
            optimal=_optimal(8.0, 12.0, "%"),
            note="Typical values in the United States are 3–4%."),
    LabTest("ana", "ANA (antinuclear antibodies), titre", "1:x", {"1:x": (1.0, 0.0)},
            loinc="8061-4", loinc_checked=False,
            note="An autoimmune screen; enter the titre's second number (1:160 → 160)."),
)}

CUSTOM = "custom"


def lab_test(key: str) -> LabTest:
    """Return the catalogue entry for `key`; raises KeyError for an unknown test."""
    return CATALOGUE[key]


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


def to_canonical(key: str, value: float, unit: str) -> float:
    """Convert to the test's canonical unit (the unit its optimal band uses)."""
    return value if key == CUSTOM else convert(key, value, unit, CATALOGUE[key].unit)


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

    Returns positions "below"/"within"/"above" or None where a band is missing.
    Raises UnitError when the reference range's unit cannot be converted.
    """
    ref_pos = None
    if reference is not None:
        ref_pos = reference.position(convert(key, value, unit, reference.unit))
    band = CATALOGUE[key].optimal if key in CATALOGUE else None
    opt_pos = band.position(to_canonical(key, value, unit)) if band else None
    return Assessment(value, unit, ref_pos, opt_pos, band)


def catalogue_json() -> list[dict]:
    """The catalogue as plain JSON-ready dicts (for the API and the PWA)."""
    return [_test_json(t) for t in CATALOGUE.values()] + [{
        "key": CUSTOM, "name": "Custom test", "unit": None, "units": [], "loinc": None,
        "loinc_checked": False, "optimal": None, "note": "Any test; units are not converted.",
    }]


def _test_json(t: LabTest) -> dict:
    opt = None
    if t.optimal:
        o = t.optimal
        opt = {"low": o.low, "high": o.high, "unit": o.unit, "high_exclusive": o.high_exclusive,
               "label": o.label, "source": o.source}
    return {"key": t.key, "name": t.name, "unit": t.unit, "units": list(t.units),
            "factors": {u: list(fo) for u, fo in t.units.items()},
            "loinc": t.loinc, "loinc_checked": t.loinc_checked, "optimal": opt, "note": t.note}
