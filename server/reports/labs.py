"""Lab tests the reports know: display names, units, LOINC codes and the target bands given by [H]."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabTest:
    """One test: `low`/`high` are the target band's edges in `unit` (None = open)."""

    key: str
    name: str
    unit: str
    loinc: str | None
    low: float | None = None
    high: float | None = None


# Targets are the functional-medicine "optimal" figures from [H] (Le, HW functional medicine),
# which are narrower than laboratory reference ranges; the report says so beside them.
LAB_TESTS = {t.key: t for t in (
    LabTest("hs_crp", "hs-CRP", "mg/L", "30522-7", None, 1.0),
    LabTest("vitamin_d", "Vitamin D (25-OH)", "ng/mL", "1989-3", 50.0, 70.0),
    LabTest("magnesium_rbc", "Magnesium, RBC", "mg/dL", None, 5.5, 6.5),
    LabTest("fasting_insulin", "Fasting insulin", "mIU/L", "20448-7", None, 7.0),
    LabTest("hba1c", "HbA1c", "%", "4548-4", None, 5.5),
    LabTest("omega3_index", "Omega-3 index", "%", None, 8.0, 12.0),
    LabTest("esr", "ESR", "mm/h", "4537-7"),
    LabTest("b12", "Vitamin B12", "pg/mL", "2132-9"),
)}

_ALIASES = {
    "crp": "hs_crp", "hscrp": "hs_crp", "hs-crp": "hs_crp", "vitd": "vitamin_d", "25ohd": "vitamin_d",
    "vitamin_d_25oh": "vitamin_d", "25-oh vitamin d": "vitamin_d", "magnesium": "magnesium_rbc",
    "rbc_magnesium": "magnesium_rbc", "insulin": "fasting_insulin", "a1c": "hba1c", "omega_3_index": "omega3_index",
    "omega3": "omega3_index", "vitamin_b12": "b12",
}


def lab_test(name: str | None) -> LabTest | None:
    """The known test for a record's test name or key (case and punctuation forgiving), else None."""
    if not name:
        return None
    key = str(name).strip().lower()
    for candidate in (key, key.replace("-", "_").replace(" ", "_"), key.replace(" ", "")):
        if candidate in LAB_TESTS:
            return LAB_TESTS[candidate]
        if candidate in _ALIASES:
            return LAB_TESTS[_ALIASES[candidate]]
    for test in LAB_TESTS.values():
        if test.name.lower() == key:
            return test
    return None


def band_status(value: float, low: float | None, high: float | None) -> str:
    """'below', 'above', 'within' the band, or 'no target' when both edges are open."""
    if low is None and high is None:
        return "no target"
    if low is not None and value < low:
        return "below"
    if high is not None and value > high:
        return "above"
    return "within"
