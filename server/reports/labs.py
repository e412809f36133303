"""Lab results for the reports: name, LOINC code, and position against the lab's own range and
the "optimal" band of [H] (W. Le, functional medicine — narrower than laboratory ranges).

The catalogue, units and conversions are the protocol feature's (server.protocol.labs);
this module only shapes one result for the PDF and the FHIR bundle.
"""

from __future__ import annotations

from server.protocol.labs import CATALOGUE, Band, UnitError, convert


def band_status(value: float | None, band: Band | None) -> str:
    """'below', 'above', 'within', 'no target' (no band) or 'not comparable' (no conversion)."""
    if band is None or (band.low is None and band.high is None):
        return "no target"
    if value is None:
        return "not comparable"
    return band.position(value)


def lab_row(lab: dict) -> dict | None:
    """One lab_result record ({test, name?, value, unit, date, ref_low?, ref_high?}) placed in
    both bands; None without a value."""
    if lab.get("value") is None:
        return None
    key = str(lab.get("test") or lab.get("key") or "").strip().lower().replace("-", "_")
    test = CATALOGUE.get(key)
    value = float(lab["value"])
    unit = lab.get("unit") or (test.unit if test else "")
    ref_low, ref_high = lab.get("ref_low"), lab.get("ref_high")
    reference = Band(ref_low, ref_high, unit) if (ref_low, ref_high) != (None, None) else None
    optimal = test.optimal if test else None
    return {
        "name": lab.get("name") or (test.name if test else str(lab.get("test") or "Lab result")),
        "value": value,
        "unit": unit,
        "loinc": test.loinc if test else None,
        "reference": (ref_low, ref_high) if reference else None,
        "reference_status": band_status(value, reference),
        "optimal": (optimal.low, optimal.high, optimal.unit) if optimal else None,
        "optimal_status": band_status(_in_unit(key, value, unit, optimal), optimal),
    }


def _in_unit(key: str, value: float, unit: str, band: Band | None) -> float | None:
    """`value` in the band's unit, or None where no standard conversion exists."""
    if band is None:
        return None
    try:
        return convert(key, value, unit, band.unit) if unit != band.unit else value
    except (UnitError, KeyError):
        return None
