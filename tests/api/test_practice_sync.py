"""The practice and protocol record types travel through POST /api/sync like check-ins."""
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import new_id
from tests.record_examples import VALID

NOW = datetime.now(timezone.utc)

INVALID = {
    "lab_result": ({"test": "vitamin_d", "value": 100, "unit": "mmol/mol", "date": "2026-03-01"}, "data.unit"),
    "protocol_item": ({"name": "LDN", "titration": {"start": 1.5, "step": -0.5, "every_days": 7, "max": 4.5},
                       "start": "2026-03-01"}, "data.titration.titration"),
    "bedtime_routine": ({"items": [], "target_bedtime": "25:00", "wake_time": "07:00"}, "data.target_bedtime"),
    "bedtime_log": ({"date": "yesterday"}, "data.date"),
    "pacing_plan": ({"baseline": 20, "weekly_increase": 0.5, "hold": False, "start": "2026-03-01"}, "data.weekly_increase"),
    "laterality_session": ({**VALID["laterality_session"], "accuracy": 1.2}, "data.accuracy"),
    "lesson_progress": ({"lesson": "x", "read_at": "2026-03-01T10:00:00", "extra": 1}, "data.read_at"),
    "health_conditions": ({"conditions": ["gout"]}, "data.conditions.0"),
    "practice_session": ({**VALID["practice_session"], "practice": "juggling"}, "data.practice"),
    "screening": ({**VALID["screening"], "answers": {"snoring": True}}, "data.answers"),
}


def sync(client, headers, changes, cursor=0, device="phone"):
    response = client.post("/api/sync", headers=headers,
                           json={"device_id": device, "cursor": cursor, "changes": changes})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def change(kind, data, record_id=None, deleted=False, updated=0):
    return {"type": kind, "id": record_id or new_id(), "updated_at": (NOW + timedelta(seconds=updated)).isoformat(),
            "deleted": deleted, "data": None if deleted else data}


@pytest.mark.parametrize("kind", sorted(VALID))
def test_each_type_round_trips_to_another_device(client, auth_headers, kind):
    sent = change(kind, VALID[kind])
    assert sync(client, auth_headers, [sent])["applied"] == [sent["id"]]
    pulled = sync(client, auth_headers, [], device="laptop")["changes"]
    assert [(c["type"], c["id"]) for c in pulled] == [(kind, sent["id"])]
    assert pulled[0]["data"]["date" if "date" in VALID[kind] else next(iter(VALID[kind]))] is not None


@pytest.mark.parametrize("kind", sorted(INVALID))
def test_invalid_bodies_are_rejected_with_field_errors(client, auth_headers, kind):
    data, field = INVALID[kind]
    sent = change(kind, data)
    result = sync(client, auth_headers, [sent])
    assert result["applied"] == []
    assert field in result["rejected"][0]["errors"], result["rejected"][0]["errors"]


def test_a_deleted_protocol_item_no_longer_counts_today(client, auth_headers):
    item = {**VALID["protocol_item"], "start": "2020-01-01", "prescriber": "Dr Okafor"}
    sent = change("protocol_item", item)
    version = sync(client, auth_headers, [sent])["versions"][sent["id"]]
    assert len(client.get("/api/protocol/today", headers=auth_headers).get_json()["doses"]) == 1
    sync(client, auth_headers, [{**change("protocol_item", None, sent["id"], deleted=True, updated=5),
                                 "base_version": version}])
    assert client.get("/api/protocol/today", headers=auth_headers).get_json()["doses"] == []


def test_other_peoples_records_stay_private(client, auth_headers, other_headers):
    sync(client, auth_headers, [change("lab_result", VALID["lab_result"])])
    assert sync(client, other_headers, [])["changes"] == []
