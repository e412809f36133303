"""The payload catalogue: notifications carry fixed texts and opaque ids, never health values."""

import json
import re

import pytest

from server.push.payloads import KINDS, MAX_PAYLOAD_BYTES, PayloadError, build_payload, payload_bytes

CONTRACT_KEYS = {"kind", "title", "body", "tag", "url", "occurrence_id", "alert_id", "actions"}


def every_kind():
    for kind, spec in KINDS.items():
        yield kind, build_payload(kind, **{spec.id_field: "3f2a9c1e-0b7d-4e55-9a61-2c8d7e4b5a10"})


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


@pytest.mark.parametrize("kind,payload", list(every_kind()))
def test_payloads_hold_only_catalogue_texts_and_the_id(kind, payload):
    spec = KINDS[kind]
    ref = payload[spec.id_field]
    allowed = {kind, spec.title, spec.body, ref, f"{kind}-{ref}", spec.url.format(id=ref)}
    allowed |= {text for pair in spec.actions for text in pair}
    assert set(strings_in(payload)) <= allowed
    assert set(payload) <= CONTRACT_KEYS
    assert not re.search(r"\d", spec.title + spec.body), "numbers on a lock screen look like health values"
    assert len(payload_bytes(payload)) < MAX_PAYLOAD_BYTES


def test_reminders_offer_done_and_snooze_and_alerts_open_their_insight():
    assert [a["action"] for a in build_payload("bedtime", occurrence_id="o")["actions"]] == ["done", "snooze"]
    assert [a["action"] for a in build_payload("checkin", occurrence_id="o")["actions"]] == ["log", "snooze"]
    alert = build_payload("alert", alert_id="a1", occurrence_id="o1")
    assert alert["url"] == "#/alerts/a1" and alert["actions"] == []
    assert (alert["alert_id"], alert["occurrence_id"], alert["tag"]) == ("a1", "o1", "alert-a1")


def test_a_tag_per_rule_lets_the_next_reminder_replace_the_last():
    payload = build_payload("checkin", occurrence_id="o2", tag="checkin:5d1e8f0a")
    assert payload["tag"] == "checkin:5d1e8f0a"
    assert payload_bytes(payload)


def test_there_is_no_way_to_pass_free_text():
    with pytest.raises(TypeError):
        build_payload("checkin", occurrence_id="o", body="Your pain was 8")  # type: ignore[call-arg]


@pytest.mark.parametrize("kwargs", [
    {"kind": "diary", "occurrence_id": "o"},
    {"kind": "alert", "occurrence_id": "o"},
    {"kind": "checkin", "occurrence_id": "o", "tag": "pain 8 today"},
    {"kind": "checkin", "occurrence_id": "o", "alert_id": "a"},
    {"kind": "checkin", "occurrence_id": "pain=8 <b>"},
])
def test_bad_kinds_and_ids_are_refused(kwargs):
    with pytest.raises(PayloadError):
        build_payload(**kwargs)


def test_tampered_payload_is_refused():
    payload = build_payload("protocol", occurrence_id="o")
    payload["title"] = "Take 400 mg ibuprofen"
    with pytest.raises(PayloadError):
        payload_bytes(payload)
    extra = dict(build_payload("checkin", occurrence_id="o"), pain=8)
    with pytest.raises(PayloadError):
        payload_bytes(extra)


def test_payload_is_compact_utf8_json():
    payload = build_payload("checkin", occurrence_id="o")
    assert json.loads(payload_bytes(payload)) == payload
