"""Hostile input, fuzzed by hand beside schemathesis: bodies nested absurdly deep, lone
UTF-16 surrogates, instants far outside any diary. Each gets a clear 422 in the one error
shape (a sync change is refused on its own inside a 200, as the sync contract says), and
nothing already saved is lost."""
import io
import json
import random

import pytest

from server.common.json_body import MAX_DEPTH
from tests.api.conftest import assert_error
from tests.conftest import new_id

AT = "2026-03-01T08:30:00+01:00"


def post_raw(client, path, text, headers):
    return client.post(path, data=text.encode("utf-8", "surrogatepass"),
                       headers={**headers, "Content-Type": "application/json"})


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def checkin_text(notes_json: str) -> str:
    return '{"id": "%s", "at": "%s", "notes": %s}' % (new_id(), AT, notes_json)


def sync_body(updated_at: str, **data) -> dict:
    change = {"type": "checkin", "id": new_id(), "updated_at": updated_at, "deleted": False,
              "data": {"at": AT, "pain": 3, **data}}
    return {"device_id": "phone-1", "cursor": 0, "changes": [change]}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 100_000])
@pytest.mark.parametrize("path", ["/api/checkins", "/api/sync", "/api/auth/login",
                                  "/api/auth/register", "/api/push/subscriptions",
                                  "/api/import/csv"])
def test_json_nested_too_deep_is_422(client, auth_headers, path, depth):
    body = '{"notes": %s}' % nested(depth) if depth % 2 else nested(depth)
    response = post_raw(client, path, body, auth_headers)
    assert_error(response, 422, "_body")
    assert "nested more than" in response.get_json()["message"]


def test_nesting_within_the_limit_reaches_the_schema(client, auth_headers):
    # Deep but allowed: the schema answers (a list is not a check-in), not the depth guard.
    response = post_raw(client, "/api/checkins", nested(MAX_DEPTH), auth_headers)
    assert_error(response, 422)
    assert "nested" not in response.get_json()["message"]


def test_brackets_inside_strings_do_not_count_as_depth(client, auth_headers):
    notes = json.dumps("[" * 500 + "{" * 500)
    response = post_raw(client, "/api/checkins", checkin_text(notes), auth_headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["notes"].startswith("[[[")


@pytest.mark.parametrize("notes", [r'"\ud800"', r'"a\udfffb"', r'"\udc00\ud800"',
                                   r'"ok \ud83d"', r'"\uDBFF"'])
def test_lone_surrogates_are_422_on_the_field(client, auth_headers, notes):
    response = post_raw(client, "/api/checkins", checkin_text(notes), auth_headers)
    assert_error(response, 422, "notes")
    assert "surrogate" in response.get_json()["errors"]["notes"][0]


@pytest.mark.parametrize("notes,stored", [(r'"\ud83d\ude00 better today"', "\U0001F600 better today"),
                                          (r'"C:\\ud800 is a path"', "C:\\ud800 is a path"),
                                          ('"ünïcödé 😀"', "ünïcödé 😀")])
def test_valid_unicode_and_escaped_backslashes_are_kept(client, auth_headers, notes, stored):
    response = post_raw(client, "/api/checkins", checkin_text(notes), auth_headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["notes"] == stored


def test_lone_surrogates_anywhere_in_a_body(client, auth_headers):
    text = '{"email": "a\\ud800@example.org", "password": "x"}'
    assert_error(post_raw(client, "/api/auth/login", text, auth_headers), 422, "email")
    key = '{"id": "%s", "at": "%s", "custom": {"k\\udc00": 1}}' % (new_id(), AT)
    assert_error(post_raw(client, "/api/checkins", key, auth_headers), 422, "custom")
    change = json.dumps(sync_body(AT, notes="PLACEHOLDER")).replace("PLACEHOLDER", "\\ud800")
    assert_error(post_raw(client, "/api/sync", change, auth_headers), 422,
                 "changes.0.data.notes")


@pytest.mark.parametrize("path", ["/api/checkins", "/api/sync", "/api/auth/login"])
@pytest.mark.parametrize("digits", [4301, 50_000])
def test_an_integer_too_long_for_python_is_422_not_500(client, auth_headers, path, digits):
    # Python refuses to convert integer literals over 4,300 digits (ValueError in the parser).
    text = '{"id": "%s", "at": "%s", "pain": %s}' % (new_id(), AT, "9" * digits)
    response = post_raw(client, path, text, auth_headers)
    assert_error(response, 422, "_body")
    assert "too many digits" in response.get_json()["message"]


def test_long_digit_runs_inside_strings_and_long_integers_within_the_limit_reach_the_schema(
        client, auth_headers):
    notes = json.dumps("1" * 1999)
    response = post_raw(client, "/api/checkins", checkin_text(notes), auth_headers)
    assert response.status_code == 201, response.get_json()
    text = '{"id": "%s", "at": "%s", "pain": %s}' % (new_id(), AT, "9" * 4300)
    assert_error(post_raw(client, "/api/checkins", text, auth_headers), 422, "pain")


@pytest.mark.parametrize("at", [
    "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00",
    "1969-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "2026-02-29T08:00:00Z",
    "2026-04-31T08:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T08:30:60Z",
    "2026-03-01T08:30:00", "2026-03-01", "20260301T083000+0100", "2026-03-01T08:30:00Z\n",
])
def test_instants_outside_the_calendar_or_the_years_are_422(client, auth_headers, at):
    response = client.post("/api/checkins", json={"id": new_id(), "at": at},
                           headers=auth_headers)
    assert_error(response, 422, "at")
    assert "1970–2200" in response.get_json()["errors"]["at"][0]


@pytest.mark.parametrize("at", ["1970-01-01T00:00:00Z", "2200-12-31T23:59:59.999999-12:00",
                                "2024-02-29T08:00+05:30", "2000-02-29t08:00:00z",
                                "2026-03-01T08:30:00.123456789+01:00"])
def test_instants_at_the_edges_are_accepted(client, auth_headers, at):
    response = client.post("/api/checkins", json={"id": new_id(), "at": at},
                           headers=auth_headers)
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("updated_at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                                        "0001-01-01T00:00:00Z", "1969-12-31T23:00:00-02:00"])
def test_sync_refuses_a_change_dated_outside_the_years(client, auth_headers, updated_at):
    response = client.post("/api/sync", json=sync_body(updated_at), headers=auth_headers)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert result["applied"] == []
    [rejected] = result["rejected"]
    assert "1970–2200" in rejected["errors"]["updated_at"][0]


def test_csv_import_form_fields_obey_the_same_limits(client, auth_headers):
    def upload(mapping: str):
        data = {"file": (io.BytesIO(b"at,pain\n2026-03-01T08:00:00Z,3\n"), "a.csv"),
                "mapping": mapping}
        return client.post("/api/import/csv", data=data, headers=auth_headers,
                           content_type="multipart/form-data")

    assert_error(upload(nested(100_000)), 422, "mapping")
    assert_error(upload('{"at": "at", "pain": "p\\ud800"}'), 422, "mapping")
    assert upload('{"at": "at", "pain": "pain"}').get_json()["imported"] == 1


def test_hostile_requests_never_lose_what_was_saved(client, auth_headers):
    saved = {"id": new_id(), "at": AT, "pain": 4, "notes": "kept"}
    assert client.post("/api/checkins", json=saved, headers=auth_headers).status_code == 201
    path = f"/api/checkins/{saved['id']}"
    attacks = ['{"notes": "\\ud800"}', '{"at": "0001-01-01T00:00:00+01:00"}',
               '{"notes": %s}' % nested(100_000)]
    for text in attacks:
        response = client.patch(path, data=text.encode(), headers={
            **auth_headers, "Content-Type": "application/json"})
        assert response.status_code == 422, (text[:40], response.get_json())
    assert client.get(path, headers=auth_headers).get_json()["notes"] == "kept"


def test_random_hostile_bodies_never_cause_a_server_error(client, auth_headers):
    """A seeded mix of the above on every JSON route: no answer is 5xx."""
    rng = random.Random(15)
    pieces = [nested(rng.randint(1, 3000)), '"\\ud800"', '"\\udfff\\ud800"',
              '"0001-01-01T00:00:00+01:00"', '"9999-12-31T23:59:59-14:00"', "1e999",
              '"\\u0000"', "-0", "[]", "{}", "null", '"' + "x" * 5000 + '"', "7" * 5000]
    routes = ["/api/checkins", "/api/sync", "/api/auth/login", "/api/auth/register",
              "/api/alerts/settings", "/api/push/subscriptions", "/api/import/csv/preview",
              "/api/account"]
    fields = ["at", "notes", "updated_at", "email", "password", "changes", "csv", "timezone"]
    for _ in range(300):
        body = {rng.choice(fields): "PIECE" for _ in range(rng.randint(1, 3))}
        text = json.dumps(body).replace('"PIECE"', rng.choice(pieces))
        method = client.put if rng.random() < 0.2 else client.post
        response = method(rng.choice(routes), data=text.encode(), headers={
            **auth_headers, "Content-Type": "application/json"})
        assert response.status_code < 500, (text[:80], response.get_json())



@pytest.mark.parametrize("method", ["TRACE", "PUT", "CONNECT"])
def test_a_method_a_route_lacks_is_405_with_allow_before_any_body_check(client, auth_headers,
                                                                         method):
    response = client.open("/api/checkins", method=method, data=nested(100_000),
                           headers={**auth_headers, "Content-Type": "application/json"})
    assert_error(response, 405)
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


@pytest.mark.parametrize("method,path", [("PATCH", "/api/account"), ("PUT", "/api/alerts/settings")])
def test_a_change_without_a_body_is_422(client, auth_headers, method, path):
    response = client.open(path, method=method, headers=auth_headers)
    assert_error(response, 422, "_body")


def test_a_checkin_patch_without_a_body_changes_nothing(client, auth_headers):
    saved = {"id": new_id(), "at": AT, "pain": 4}
    client.post("/api/checkins", json=saved, headers=auth_headers)
    assert_error(client.patch(f"/api/checkins/{saved['id']}", headers=auth_headers), 422, "_body")
    assert client.get(f"/api/checkins/{saved['id']}", headers=auth_headers).get_json()["pain"] == 4


@pytest.mark.parametrize("change", [
    {"type": "peg3", "data": {"week_start": "9999-12-27", "pain": 1, "enjoyment": 1, "activity": 1}},
    {"type": "peg3", "data": {"week_start": "0001-01-01", "pain": 1, "enjoyment": 1, "activity": 1}},
    {"type": "lab_result", "data": {"test": "hs_crp", "value": 1, "unit": "mg/L", "date": "9999-12-31"}},
    {"type": "protocol_item", "data": {"name": "PEA", "dose": 600, "unit": "mg", "start": "0001-01-01"}},
    {"type": "health_day", "data": {"date": "9999-12-31", "steps": 100}},
])
def test_dates_in_records_keep_to_the_instants_years_and_every_export_still_works(client, auth_headers, change):
    """A PEG-3 week starting 9999-12-27 ends in year 10000: before, it was stored and the
    FHIR export answered 500 for ever after (OverflowError)."""
    body = {"device_id": "phone-1", "cursor": 0, "changes": [
        {**change, "id": new_id(), "updated_at": AT, "deleted": False}]}
    response = client.post("/api/sync", json=body, headers=auth_headers)
    assert response.status_code == 200
    rejected = response.get_json()["rejected"]
    assert len(rejected) == 1 and "1970" in json.dumps(rejected[0]["errors"]), rejected
    for path in ("/api/export/fhir", "/api/export/csv", "/api/account/export", "/api/protocol/today"):
        assert client.get(path, headers=auth_headers).status_code == 200, path
