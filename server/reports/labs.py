"""Lab results for the reports: name, LOINC code, and position against the lab's own range and the
"optimal" band of [H] (W. Le, functional medicine — narrower than laboratory reference ranges).

Uses the protocol feature's catalogue (server.protocol.labs, with unit conversion) when it is
installed; otherwise a small built-in table with the conversions FACTS.md gives.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabTest:
    """One test: `low`/`high` are the optimal band's edges in `unit` (None = open)."""

    key: str
    name: str
    unit: str
    loinc: str | None
    low: float | None = None
    high: float | None = None
    high_exclusive: bool = False


# Fallback only; the protocol feature's catalogue is the source when present.
LAB_TESTS = {
    t.key: t
    for t in (
        LabTest("hs_crp", "hs-CRP", "mg/L", "30522-7", None, 1.0, True),
        LabTest("vitamin_d", "Vitamin D (25-OH)", "ng/mL", "1989-3", 50.0, 70.0),
        LabTest("magnesium_rbc", "Magnesium, RBC", "mg/dL", None, 5.5, 6.5),
        LabTest("fasting_insulin", "Fasting insulin", "mIU/L", "20448-7", None, 7.0, True),
        LabTest("hba1c", "HbA1c", "%", "4548-4", None, 5.5, True),
        LabTest("omega3_index", "Omega-3 index", "%", None, 8.0, 12.0),
        LabTest("esr", "ESR", "mm/h", "4537-7"),
        LabTest("b12", "Vitamin B12", "pg/mL", "2132-9"),
    )
}
# canonical = value * factor + offset (FACTS.md: 1 ng/mL = 2.496 nmol/L; % = mmol/mol / 10.929 + 2.15).
_FACTORS = {("vitamin_d", "nmol/L"): (1 / 2.496, 0.0), ("hba1c", "mmol/mol"): (1 / 10.929, 2.15)}


def _catalogue():
    try:
        from server.protocol import labs
    except ImportError:
        return None
    return labs


def lab_test(key: str | None) -> LabTest | None:
    """The test for a record's key, from the protocol catalogue when installed, else the fallback."""
    if not key:
        return None
    key = str(key).strip().lower().replace("-", "_").replace(" ", "_")
    cat = _catalogue()
    if cat is not None and key in cat.CATALOGUE:
        t = cat.CATALOGUE[key]
        band = t.optimal
        return LabTest(
            t.key,
            t.name,
            t.unit,
            t.loinc,
            band.low if band else None,
            band.high if band else None,
            bool(band and band.high_exclusive),
        )
    return LAB_TESTS.get(key)


def to_canonical(test: LabTest, value: float, unit: str | None) -> float | None:
    """`value` in the test's own unit, or None when no standard conversion is known."""
    if not unit or unit == test.unit:
        return value
    cat = _catalogue()
    if cat is not None and test.key in cat.CATALOGUE:
        try:
            return cat.convert(test.key, value, unit, test.unit)
        except cat.UnitError:
            return None
    factor = _FACTORS.get((test.key, unit))
    return value * factor[0] + factor[1] if factor else None


def band_status(
    value: float | None, low: float | None, high: float | None, high_exclusive: bool = False
) -> str:
    """'below', 'above', 'within', 'no target' (no band) or 'not comparable' (value unknown in the band's unit)."""
    if low is None and high is None:
        return "no target"
    if value is None:
        return "not comparable"
    if low is not None and value < low:
        return "below"
    if high is not None and (value > high or (high_exclusive and value >= high)):
        return "above"
    return "within"


def lab_row(lab: dict) -> dict | None:
    """One lab_result record ({test, name?, value, unit, date, ref_low?, ref_high?}) placed in both bands."""
    if lab.get("value") is None:
        return None
    test = lab_test(lab.get("test") or lab.get("key"))
    value, unit = float(lab["value"]), lab.get("unit") or (test.unit if test else "")
    ref_low, ref_high = lab.get("ref_low"), lab.get("ref_high")
    return {
        "name": lab.get("name") or (test.name if test else str(lab.get("test") or "Lab result")),
        "value": value,
        "unit": unit,
        "loinc": test.loinc if test else None,
        "reference": (ref_low, ref_high) if (ref_low, ref_high) != (None, None) else None,
        "reference_status": band_status(value, ref_low, ref_high),
        "optimal": (test.low, test.high, test.unit)
        if test and (test.low, test.high) != (None, None)
        else None,
        "optimal_status": band_status(
            to_canonical(test, value, unit), test.low, test.high, test.high_exclusive
        )
        if test
        else "no target",
    }
