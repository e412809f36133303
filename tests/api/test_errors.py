"""Bad input of every kind gets a 4xx in the one error shape, and never loses saved data."""
import pytest

from tests.api.conftest import assert_error
from tests.conftest import new_id

GOOD = {"at": "2026-03-01T08:30:00+01:00", "pain": 5}


@pytest.mark.parametrize("change,field", [
    ({"pain": 11}, "pain"), ({"pain": -1}, "pain"), ({"pain": "7"}, "pain"), ({"pain": 4.5}, "pain"),
    ({"flare": "yes"}, "flare"), ({"flare": 1}, "flare"), ({"sleep_hours": 25}, "sleep_hours"),
    ({"at": "yesterday"}, "at"), ({"at": "2026-03-01T08:30:00"}, "at"), ({"at": 12}, "at"),
    ({"locations": ["elbow_of_doom"]}, "locations.0"), ({"red_flags": ["tired"]}, "red_flags.0"),
    ({"medications": [{"dose_mg": 5}]}, "medications.0.name"),
    ({"custom": {"Bad Key": 1}}, "custom.Bad Key.key"), ({"notes": "x" * 2001}, "notes"),
    ({"mystery": 1}, "mystery"), ({"nsaid_doses": 10**12}, "nsaid_doses"),
    ({"notes": "nul\x00byte"}, "notes"), ({"locations": ["neck", "neck"]}, "locations"),
])
def test_invalid_fields_are_422_with_flat_errors(client, auth_headers, change, field):
    body = {"id": new_id(), **GOOD, **change}
    assert_error(client.post("/api/checkins", json=body, headers=auth_headers), 422, field)


def test_missing_required_fields(client, auth_headers):
    assert_error(client.post("/api/checkins", json={"pain": 3}, headers=auth_headers), 422, "id")


def test_bad_uuid_in_body_and_path(client, auth_headers):
    body = {"id": "not-a-uuid", **GOOD}
    assert_error(client.post("/api/checkins", json=body, headers=auth_headers), 422, "id")
    assert_error(client.get("/api/checkins/not-a-uuid", headers=auth_headers), 404)


def test_malformed_json(client, auth_headers):
    response = client.post("/api/checkins", data="{not json", headers={
        **auth_headers, "Content-Type": "application/json"})
    assert_error(response, 400)


def test_json_that_is_not_an_object(client, auth_headers):
    assert_error(client.post("/api/checkins", json=[1, 2], headers=auth_headers), 422)


def test_oversized_body(app, client, auth_headers):
    big = {"id": new_id(), **GOOD, "notes": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)}
    assert_error(client.post("/api/checkins", json=big, headers=auth_headers), 413)


def test_bad_query_parameters(client, auth_headers):
    assert_error(client.get("/api/checkins?from=March", headers=auth_headers), 422, "from")
    assert_error(client.get("/api/checkins?from=2026-03-05&to=2026-03-01", headers=auth_headers),
                 422, "from")
    assert_error(client.get("/api/checkins?page=0", headers=auth_headers), 422, "page")
    far = client.get("/api/checkins?page=99999999999999999999", headers=auth_headers)
    assert far.status_code == 200 and far.get_json() == []  # past the end: an empty page


def test_unknown_route_and_method(client, auth_headers):
    assert_error(client.get("/api/nothing-here", headers=auth_headers), 404)
    assert_error(client.put("/api/checkins", json={}, headers=auth_headers), 405)


def test_bad_input_never_loses_what_was_saved(client, auth_headers):
    body = {"id": new_id(), **GOOD}
    client.post("/api/checkins", json=body, headers=auth_headers)
    bad = client.patch(f"/api/checkins/{body['id']}", json={"pain": 99}, headers=auth_headers)
    assert_error(bad, 422, "pain")
    assert client.get(f"/api/checkins/{body['id']}", headers=auth_headers).get_json()["pain"] == 5
