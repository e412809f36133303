"""Lab results for the reports: name, LOINC code, and position against the lab's own range and
the "optimal" band of [H] (W. Le, functional medicine — narrower than laboratory ranges).

The catalogue, units and conversions are the protocol feature's (server.protocol.labs);
this module only shapes one result for the PDF and the FHIR bundle.
"""

from __future__ import annotations

from server.protocol.labs import CATALOGUE, Band, assess


def band_status(position: str | None, band: Band | None) -> str:
    """A position from `assess` in the report's words: 'below', 'above', 'within', 'no target'
    (no band) or 'not comparable' (no standard conversion to the band's unit)."""
    if band is None or (band.low is None and band.high is None):
        return "no target"
    return position or "not comparable"


def lab_row(lab: dict) -> dict | None:
    """One lab_result record ({test, name?, value, unit, date, ref_low?, ref_high?}) placed in
    both bands by the protocol's own `assess` (the rule the PWA's labs.js shares); None
    without a value."""
    if lab.get("value") is None:
        return None
    key = str(lab.get("test") or lab.get("key") or "").strip().lower().replace("-", "_")
    test = CATALOGUE.get(key)
    value = float(lab["value"])
    unit = lab.get("unit") or (test.unit if test else "")
    ref_low, ref_high = lab.get("ref_low"), lab.get("ref_high")
    reference = Band(ref_low, ref_high, unit) if (ref_low, ref_high) != (None, None) else None
    placed = assess(key, value, unit, reference)
    optimal = placed.optimal_band
    return {
        "name": lab.get("name") or (test.name if test else str(lab.get("test") or "Lab result")),
        "value": value,
        "unit": unit,
        "loinc": test.loinc if test else None,
        "reference": (ref_low, ref_high) if reference else None,
        "reference_status": band_status(placed.reference, reference),
        "optimal": (optimal.low, optimal.high, optimal.unit) if optimal else None,
        "optimal_status": band_status(placed.optimal, optimal),
    }
