"""A FHIR R4 Bundle (type collection) of Observations: pain ratings, weekly PEG-3 and lab results,
plus what the person takes as MedicationStatements (made by server.protocol.fhir).

LOINC codes: pain severity 0-10 NRS 72514-3; PEG-3 panel 91148-7 with items 75893-8 (average
pain), 91145-3 (enjoyment of life), 91146-1 (general activity) and mean score 91147-9; lab
codes from `server.reports.labs` where one exists, else the test's name as text only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from server.reports.labs import lab_row

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_NS = uuid.UUID("6b1c3f0e-1f5a-4f3e-9a57-3c1f0e5b7a21")

PEG_ITEMS = (
    ("pain", "75893-8", "Pain average past week [PEG]"),
    ("enjoyment", "91145-3", "Pain interference with enjoyment of life past week [PEG]"),
    ("activity", "91146-1", "Pain interference with general activity past week [PEG]"),
)


def _coding(code: str, display: str) -> dict:
    return {"coding": [{"system": LOINC, "code": code, "display": display}], "text": display}


def _category(code: str) -> list[dict]:
    return [{"coding": [{"system": CATEGORY, "code": code}]}]


def _score(value: float) -> dict:
    return {"value": round(float(value), 2), "unit": "{score}", "system": UCUM, "code": "{score}"}


def _iso(at) -> str:
    return at.isoformat() if isinstance(at, (date, datetime)) else str(at)


def _entry(resource: dict) -> dict:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def pain_observation(checkin: dict, subject: dict) -> dict:
    """One check-in's pain rating as an Observation whose id is the check-in's UUID."""
    return {
        "resourceType": "Observation",
        "id": str(checkin["id"]),
        "status": "final",
        "category": _category("survey"),
        "subject": subject,
        "code": _coding("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
        "effectiveDateTime": _iso(checkin["at"]),
        "valueQuantity": _score(checkin["pain"]),
    }


def peg3_observation(entry: dict, subject: dict) -> dict:
    """A weekly PEG-3 as a panel Observation with one component per item and the mean score."""
    start = (
        entry["week_start"]
        if isinstance(entry["week_start"], date)
        else date.fromisoformat(str(entry["week_start"])[:10])
    )
    items = [
        {"code": _coding(code, display), "valueQuantity": _score(entry[key])}
        for key, code, display in PEG_ITEMS
    ]
    mean = sum(entry[key] for key, _, _ in PEG_ITEMS) / 3
    return {
        "resourceType": "Observation",
        "id": str(uuid.uuid5(_NS, f"peg3:{entry['id']}")),
        "status": "final",
        "category": _category("survey"),
        "subject": subject,
        "code": _coding(
            "91148-7", "Pain, Enjoyment of life, General activity (PEG) 3 item pain scale [PEG]"
        ),
        "effectivePeriod": {
            "start": start.isoformat(),
            "end": (start + timedelta(days=6)).isoformat(),
        },
        "component": items
        + [{"code": _coding("91147-9", "Mean score [PEG]"), "valueQuantity": _score(mean)}],
    }


def lab_observation(lab: dict, subject: dict) -> dict | None:
    """A lab result with its LOINC code where known, the lab's own range and the optimal band as referenceRanges."""
    row = lab_row(lab)
    if row is None:
        return None
    code = _coding(row["loinc"], row["name"]) if row["loinc"] else {"text": row["name"]}
    obs = {
        "resourceType": "Observation",
        "id": str(uuid.uuid5(_NS, f"lab:{lab.get('id') or row['name'] + str(lab.get('date'))}")),
        "status": "final",
        "category": _category("laboratory"),
        "subject": subject,
        "code": code,
        "valueQuantity": {"value": row["value"], "unit": row["unit"]},
    }
    when = lab.get("date") or lab.get("taken_on") or lab.get("at")
    if when:
        obs["effectiveDateTime"] = _iso(when)
    ranges = []
    if row["reference"]:
        ranges.append(
            _range(*row["reference"], row["unit"], "Reference range printed by the laboratory")
        )
    if row["optimal"]:
        ranges.append(
            _range(
                *row["optimal"],
                "Optimal band given by W. Le, PA-C (functional medicine); "
                "narrower than laboratory reference ranges",
            )
        )
    if ranges:
        obs["referenceRange"] = ranges
    return obs


def _range(low, high, unit: str, text: str) -> dict:
    rng = {"text": text}
    if low is not None:
        rng["low"] = {"value": float(low), "unit": unit}
    if high is not None:
        rng["high"] = {"value": float(high), "unit": unit}
    return rng


def patient_reference(user_id: int | str) -> dict:
    """The Reference every resource of a person's bundle uses as its subject."""
    return {"reference": f"urn:uuid:{uuid.uuid5(_NS, f'patient:{user_id}')}"}


def fhir_bundle(
    *,
    user_id: int | str,
    checkins: list[dict],
    peg3: list[dict] = (),
    labs: list[dict] = (),
    others: list[dict] = (),
    generated_at: datetime,
) -> dict:
    """A Bundle (collection) with a minimal Patient, every Observation and `others` (resources
    already made for this person, e.g. MedicationStatements); JSON-ready dict.

    The Patient carries no name or identifier: the person decides what to add when sharing.
    """
    patient_id = str(uuid.uuid5(_NS, f"patient:{user_id}"))
    subject = patient_reference(user_id)
    observations = [
        pain_observation(c, subject)
        for c in checkins
        if c.get("pain") is not None and not c.get("deleted")
    ]
    observations += [peg3_observation(p, subject) for p in peg3]
    observations += [o for o in (lab_observation(lab, subject) for lab in labs) if o]
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(_NS, f"bundle:{user_id}:{generated_at.isoformat()}")),
        "type": "collection",
        "timestamp": generated_at.isoformat(),
        "entry": [_entry({"resourceType": "Patient", "id": patient_id})]
        + [_entry(o) for o in observations]
        + [_entry(o) for o in others],
    }
