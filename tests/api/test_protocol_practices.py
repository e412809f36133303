"""API: protocol templates, lab catalogue, today's doses, safety findings and pacing figures."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from server.extensions import db
from server.practices.models import PacingPlan
from server.protocol.models import HealthConditions, ProtocolItem
from tests.conftest import new_id

ZONE = ZoneInfo("Europe/London")  # the zone tests/conftest.py registers users with


def today():
    return datetime.now(ZONE).date()


def add_record(app, model, email, data):
    """Store a synced record through the one write path, as a device's sync would."""
    from server.accounts.models import User
    from server.sync.registry import RECORD_TYPES
    from server.sync.service import Change, SyncResult, apply_changes

    record_type = next(t for t in RECORD_TYPES.values() if t.model is model)
    with app.app_context():
        user = db.session.query(User).filter_by(email=email).one()
        record_id, now = new_id(), datetime.now(timezone.utc)
        data = record_type.schema.load(data)
        apply_changes(user.id, "test", [Change(record_type, record_id, now, False, data, None)], now,
                      SyncResult(cursor=0))
        db.session.commit()
        return record_id


def checkin(client, headers, day, **fields):
    at = datetime.combine(day, datetime.min.time(), ZONE).replace(hour=12)
    response = client.post("/api/checkins", json={"id": new_id(), "at": at.isoformat(), **fields}, headers=headers)
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("path", ["/api/protocol/templates", "/api/labs/catalogue", "/api/protocol/today",
                                  "/api/protocol/safety", "/api/practices/pacing"])
def test_routes_need_sign_in(client, path):
    assert client.get(path).status_code == 401


def test_templates_carry_source_doses(client, auth_headers):
    body = client.get("/api/protocol/templates", headers=auth_headers).get_json()
    ldn = next(t for t in body if t["key"] == "ldn")
    assert ldn["dose_text"] == "1.5–4.5 mg at bedtime" and ldn["prescription"] is True
    assert ldn["titration"] == {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}


def test_catalogue_has_bands_with_sources_and_factors(client, auth_headers):
    body = client.get("/api/labs/catalogue", headers=auth_headers).get_json()
    vit_d = next(t for t in body if t["key"] == "vitamin_d")
    assert vit_d["optimal"]["low"] == 50 and vit_d["optimal"]["high"] == 70 and vit_d["optimal"]["source"]
    assert vit_d["factors"]["nmol/L"][0] == pytest.approx(1 / 2.496)
    assert body[-1]["key"] == "custom"


def test_today_applies_titration_and_skips_stopped_and_others_items(app, client, auth_headers, other_headers):
    start = today() - timedelta(days=14)
    add_record(app, ProtocolItem, "ada@example.org", {
        "name": "Low-dose naltrexone", "dose": None, "unit": "mg", "times": ["22:00"], "start": start.isoformat(),
        "prescription": True, "prescriber": "Dr Okafor",
        "titration": {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}})
    add_record(app, ProtocolItem, "ada@example.org", {"name": "PEA", "dose": 600, "unit": "mg", "times": ["08:00", "20:00"]})
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Old", "dose": 1, "unit": "mg",
                                                      "stop": (today() - timedelta(days=1)).isoformat()})
    add_record(app, ProtocolItem, "bob@example.org", {"name": "Bob's", "dose": 1, "unit": "mg"})

    body = client.get("/api/protocol/today", headers=auth_headers).get_json()
    assert body["date"] == today().isoformat()
    assert [(d["name"], d["time"], d["dose"]) for d in body["doses"]] == [
        ("PEA", "08:00", 600), ("PEA", "20:00", 600), ("Low-dose naltrexone", "22:00", 2.5)]

    later = (start + timedelta(days=60)).isoformat()
    body = client.get(f"/api/protocol/today?date={later}", headers=auth_headers).get_json()
    assert body["doses"][-1]["dose"] == 4.5


def test_today_refuses_a_bad_date(client, auth_headers):
    response = client.get("/api/protocol/today?date=yesterday", headers=auth_headers)
    assert response.status_code == 422 and "date" in response.get_json()["errors"]


def test_safety_findings_are_stated(app, client, auth_headers):
    add_record(app, ProtocolItem, "ada@example.org", {"name": "P5P (vitamin B6)", "dose": 50, "unit": "mg", "times": ["08:00", "20:00", "22:00"]})
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Low-dose naltrexone", "dose": 1.5, "unit": "mg", "prescription": True})
    for i in range(10):
        checkin(client, auth_headers, today() - timedelta(days=i), **({"nsaid_doses": 2} if i < 7 else {"pain": 4}))

    findings = client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"]
    by_kind = {f["kind"]: f for f in findings}
    assert set(by_kind) == {"b6_high", "nsaid_most_days", "prescriber_missing"}
    assert "150 mg" in by_kind["b6_high"]["message"]
    assert "7 of the 10 days" in by_kind["nsaid_most_days"]["message"]


def test_no_findings_for_a_safe_protocol(app, client, auth_headers):
    add_record(app, ProtocolItem, "ada@example.org", {"name": "P5P", "dose": 50, "unit": "mg", "times": ["08:00"]})
    assert client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"] == []


def test_pacing_proposes_80_percent_and_reports_budget_and_boom(app, client, auth_headers):
    minutes = [30, 30, 30, 90, 30, 30, 30]  # one boom day among steady ones
    for i, m in enumerate(minutes, start=1):
        checkin(client, auth_headers, today() - timedelta(days=i), activity_minutes=m)
    body = client.get("/api/practices/pacing", headers=auth_headers).get_json()
    assert body["tolerance"] == 30 and body["proposed_baseline"] == 24 and body["plan"] is None

    start = today() - timedelta(days=14)
    add_record(app, PacingPlan, "ada@example.org", {"baseline": 20, "weekly_increase": 0.1, "hold": False, "start": start.isoformat()})
    checkin(client, auth_headers, today(), activity_minutes=95)
    body = client.get("/api/practices/pacing", headers=auth_headers).get_json()
    assert body["budget_today"] == 24 and body["minutes_today"] == 95 and body["rest_break_after"] == 12
    assert body["boom"]["boom"] and body["boom"]["above_longest"] and body["boom"]["longest"] == 90


def test_the_pacing_answer_follows_rules_pacing_json(client, auth_headers, monkeypatch):
    """A figure changed in the rule file is the figure the API works with and reports."""
    from server.practices import pacing
    for i in range(1, 6):
        checkin(client, auth_headers, today() - timedelta(days=i), activity_minutes=30)
    body = client.get("/api/practices/pacing", headers=auth_headers).get_json()
    assert body["proposed_baseline"] == round(30 * pacing.RULE["baseline_share"])
    assert body["figures"] == {k: pacing.RULE[k] for k in pacing.FIGURES}

    monkeypatch.setitem(pacing.RULE, "baseline_share", 0.5)
    monkeypatch.setitem(pacing.RULE, "min_days", 6)
    body = client.get("/api/practices/pacing", headers=auth_headers).get_json()
    assert body["proposed_baseline"] is None and body["figures"]["min_days"] == 6  # five days are too few now
    monkeypatch.setitem(pacing.RULE, "min_days", 5)
    body = client.get("/api/practices/pacing", headers=auth_headers).get_json()
    assert body["proposed_baseline"] == 15 and body["figures"]["baseline_share"] == 0.5


def test_pacing_without_check_ins_says_nothing_yet(client, auth_headers):
    body = client.get("/api/practices/pacing", headers=auth_headers).get_json()
    assert body["proposed_baseline"] is None and body["boom"]["boom"] is False


def test_conditions_and_check_in_medicines_feed_the_interaction_checker(app, client, auth_headers):
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Low-dose naltrexone", "dose": 1.5, "unit": "mg",
                                                      "prescription": True, "prescriber": "Dr Okafor", "template": "ldn"})
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Turmeric", "dose": 1000, "unit": "mg"})
    assert client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"] == []

    add_record(app, HealthConditions, "ada@example.org", {"conditions": ["on_opioids"]})
    checkin(client, auth_headers, today() - timedelta(days=3), medications=[{"name": "Eliquis 5 mg"}])
    body = client.get("/api/protocol/safety", headers=auth_headers).get_json()
    assert body["conditions"] == ["on_opioids"] and "not a complete interaction check" in body["limits"]
    by_kind = {f["kind"]: f for f in body["findings"]}
    assert list(by_kind) == ["ldn_opioids", "curcumin_bleeding"]  # most serious first
    assert by_kind["ldn_opioids"]["severity"] == "avoid" and "prescriber" in by_kind["ldn_opioids"]["action"]
    assert by_kind["curcumin_bleeding"]["involves"] == ["Turmeric", "Eliquis 5 mg"]
    assert "MedlinePlus" in by_kind["curcumin_bleeding"]["source"]


def test_the_newest_conditions_record_counts(app, client, auth_headers):
    add_record(app, HealthConditions, "ada@example.org", {"conditions": ["kidney_disease"]})
    add_record(app, HealthConditions, "ada@example.org", {"conditions": []})  # written later: wins
    assert client.get("/api/protocol/safety", headers=auth_headers).get_json()["conditions"] == []


def test_checking_an_item_before_adding_it_says_what_it_brings_and_saves_nothing(app, client, auth_headers):
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Warfarin", "dose": 5, "unit": "mg"})
    body = client.post("/api/protocol/safety/check", headers=auth_headers,
                       json={"item": {"name": "Omega-3", "dose": 4, "unit": "g", "template": "omega3"}}).get_json()
    assert [f["kind"] for f in body["findings"]] == ["omega3_bleeding"]
    assert body["findings"][0]["item_ids"][0] == "candidate"
    small = client.post("/api/protocol/safety/check", headers=auth_headers,
                        json={"item": {"name": "Omega-3", "dose": 1, "unit": "g"}}).get_json()
    assert small["findings"] == []
    assert client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"] == []


def test_checking_a_bad_item_is_a_clear_422(client, auth_headers):
    response = client.post("/api/protocol/safety/check", headers=auth_headers, json={"item": {"dose": "lots"}})
    assert response.status_code == 422
    assert {"item.name", "item.dose"} <= set(response.get_json()["errors"])
    assert client.post("/api/protocol/safety/check", json={"item": {"name": "x"}}).status_code == 401


def test_conditions_are_exported_and_erased_with_the_account(app, client, auth_headers):
    add_record(app, HealthConditions, "ada@example.org", {"conditions": ["pregnancy"]})
    exported = client.get("/api/account/export", headers=auth_headers).get_json()
    assert [r["data"] for r in exported["data"]["health_conditions"]] == [{"conditions": ["pregnancy"]}]
    assert client.delete("/api/account", headers=auth_headers).status_code in (200, 204)
    with app.app_context():
        assert db.session.query(HealthConditions).count() == 0


def test_the_clinician_report_carries_the_safety_notes_and_conditions(app, client, auth_headers):
    import io

    from pypdf import PdfReader

    add_record(app, ProtocolItem, "ada@example.org", {"name": "Omega-3", "dose": 4, "unit": "g", "template": "omega3"})
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Warfarin", "dose": 5, "unit": "mg"})
    add_record(app, HealthConditions, "ada@example.org", {"conditions": ["kidney_disease"]})
    day = today().isoformat()
    response = client.get(f"/api/reports/clinician.pdf?from={day}&to={day}", headers=auth_headers)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages).split())
    assert "Interaction and safety notes" in text
    assert "Conditions noted by the person: Kidney disease" in text
    assert "Omega-3 at 3 g a day or more" in text and "MedlinePlus" in text
    assert "not a complete interaction check" in text


def test_the_fhir_export_carries_medicines_with_rxnorm_codes_where_known(app, client, auth_headers):
    import json

    from fhir.resources.R4B.bundle import Bundle

    add_record(app, ProtocolItem, "ada@example.org", {"name": "Warfarin", "dose": 5, "unit": "mg", "times": ["18:00"],
                                                      "start": "2026-01-05", "prescription": True, "prescriber": "Dr Okafor"})
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Magnesium glycinate", "dose": 200, "unit": "mg",
                                                      "basis": "elemental", "stop": "2026-01-01"})
    checkin(client, auth_headers, today() - timedelta(days=2), medications=[{"name": "Tramadol 50mg"}, {"name": "Warfarin"}])
    checkin(client, auth_headers, today(), medications=[{"name": "tramadol 50MG"}, {"name": "Grandma's tonic"}])
    body = json.loads(client.get("/api/export/fhir", headers=auth_headers).data)
    Bundle.model_validate(body)  # valid FHIR R4B
    meds = {e["resource"]["medicationCodeableConcept"]["text"]: e["resource"] for e in body["entry"]
            if e["resource"]["resourceType"] == "MedicationStatement"}
    assert set(meds) == {"Warfarin", "Magnesium glycinate", "tramadol 50MG", "Grandma's tonic"}
    assert meds["Warfarin"]["medicationCodeableConcept"]["coding"] == [
        {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "11289", "display": "warfarin"}]
    assert meds["Warfarin"]["status"] == "active" and meds["Warfarin"]["informationSource"]["display"] == "Dr Okafor"
    assert meds["Magnesium glycinate"]["status"] == "completed" and "(elemental)" in meds["Magnesium glycinate"]["dosage"][0]["text"]
    assert meds["tramadol 50MG"]["medicationCodeableConcept"]["coding"][0]["code"] == "10689"
    assert meds["tramadol 50MG"]["effectivePeriod"] == {"start": (today() - timedelta(days=2)).isoformat(), "end": today().isoformat()}
    assert "coding" not in meds["Grandma's tonic"]["medicationCodeableConcept"]  # free text is kept, never guessed
