"""What the person takes, as FHIR R4 MedicationStatements for the export.

Each active or past protocol item, and each medicine named in check-ins, becomes one
statement. Medicines on Emberwise's list carry their RxNorm ingredient code (see
rules/substances.json for where the codes come from); anything else is text only.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Iterable, Mapping

from server.protocol.safety import is_active
from server.protocol.substances import rxnorm_of, words

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
_NS = uuid.UUID("0e9b3f61-5a57-4c1e-9f4e-6d2c8b1a7f30")


def medication_concept(name: str) -> dict:
    """A CodeableConcept: the name as typed, with an RxNorm coding for each known ingredient."""
    concept = {"text": name}
    codings = [
        {"system": RXNORM, "code": code, "display": generic} for code, generic in rxnorm_of(name)
    ]
    if codings:
        concept["coding"] = codings
    return concept


def _status(data: Mapping, today: date) -> str:
    if is_active(data, today):
        return "active"
    return (
        "intended"
        if data.get("start") and date.fromisoformat(data["start"]) > today
        else "completed"
    )


def _dosage(data: Mapping) -> list[dict]:
    times = ", ".join(data.get("times") or []) or "no set time"
    if data.get("dose") is None:
        return [{"text": f"dose not set; {times}"}]
    quantity = {"value": float(data["dose"]), "unit": data.get("unit") or ""}
    if data.get("unit") in ("mg", "g", "mcg", "ug"):
        quantity |= {"system": UCUM, "code": data["unit"]}
    basis = {"elemental": " (elemental)", "compound": " (whole compound)"}.get(
        data.get("basis") or "", ""
    )
    return [
        {
            "text": f"{data['dose']:g} {data.get('unit') or ''}{basis} at {times}".replace(
                "  ", " "
            ),
            "doseAndRate": [{"doseQuantity": quantity}],
        }
    ]


def protocol_statement(item_id: str, data: Mapping, subject: dict, today: date) -> dict:
    """One protocol item as a MedicationStatement (its id stable across exports)."""
    statement = {
        "resourceType": "MedicationStatement",
        "id": str(uuid.uuid5(_NS, f"protocol:{item_id}")),
        "status": _status(data, today),
        "medicationCodeableConcept": medication_concept(data.get("name", "")),
        "subject": subject,
        "dosage": _dosage(data),
    }
    period = {k: data[f] for k, f in (("start", "start"), ("end", "stop")) if data.get(f)}
    if period:
        statement["effectivePeriod"] = period
    if data.get("prescription") and (data.get("prescriber") or "").strip():
        statement["informationSource"] = {"display": data["prescriber"].strip()}
    return statement


def checkin_statements(checkins: Iterable[Mapping], subject: dict, known: set[str]) -> list[dict]:
    """One MedicationStatement per medicine named in check-ins (not already a protocol item),
    over the days it was logged."""
    days: dict[str, tuple[str, date, date]] = {}
    for c in checkins:
        day = c["date"] if isinstance(c["date"], date) else date.fromisoformat(str(c["date"]))
        for med in c.get("medications") or []:
            norm = words(med.get("name", ""))
            if not norm.strip() or norm in known:
                continue
            name, first, last = days.get(norm, (med["name"], day, day))
            newest = (
                med["name"] if day >= last else name
            )  # the newest spelling is shown, as on the protocol screen
            days[norm] = (newest, min(first, day), max(last, day))
    return [
        {
            "resourceType": "MedicationStatement",
            "id": str(uuid.uuid5(_NS, f"checkin:{norm}")),
            "status": "completed",
            "medicationCodeableConcept": medication_concept(name),
            "subject": subject,
            "effectivePeriod": {"start": first.isoformat(), "end": last.isoformat()},
            "note": [{"text": "Logged in the person's check-ins"}],
        }
        for norm, (name, first, last) in sorted(days.items())
    ]


def medication_statements(
    items: Iterable[tuple[str, Mapping]], checkins: Iterable[Mapping], subject: dict, today: date
) -> list[dict]:
    """Protocol items first, then medicines from check-ins ({date, medications})."""
    items = list(items)
    statements = [protocol_statement(i, d, subject, today) for i, d in items]
    return statements + checkin_statements(
        checkins, subject, {words(d.get("name", "")) for _, d in items}
    )
