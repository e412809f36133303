"""Check-in API: idempotent create, paging, edit, tombstone delete, and per-user scoping."""
import pytest

from tests.conftest import new_id

AT = "2026-03-01T08:30:00+01:00"


def post(client, headers, **fields):
    body = {"id": new_id(), "at": AT, **fields}
    return client.post("/api/checkins", json=body, headers=headers)


def test_minimal_checkin_is_stored_and_read_back_as_written(client, auth_headers):
    response = post(client, auth_headers, pain=6, flare=True)
    assert response.status_code == 201
    created = response.get_json()
    fetched = client.get(f"/api/checkins/{created['id']}", headers=auth_headers).get_json()
    assert fetched["pain"] == 6 and fetched["flare"] is True
    assert fetched["at"] == "2026-03-01T08:30:00+01:00"
    assert fetched["local_date"] == "2026-03-01"


def test_local_date_follows_the_offset_the_person_was_at(client, auth_headers):
    late_evening = post(client, auth_headers, pain=3, **{"at": "2026-03-01T23:30:00-05:00"})
    assert late_evening.get_json()["local_date"] == "2026-03-01"


def test_every_field_round_trips(client, auth_headers):
    fields = {
        "pain": 4, "flare": False, "locations": ["lower_back", "left_hip"],
        "qualities": ["aching", "burning"], "sleep_hours": 6.5, "sleep_quality": 5,
        "night_wakings": 2, "stress": 7, "mood": 4, "energy": 3, "activity_minutes": 45,
        "activity_effort": 5, "activities": ["walking"], "rest_breaks": 2, "nsaid_doses": 1,
        "medications": [{"name": "PEA", "dose_mg": 600}], "meal_regularity": 6,
        "late_meal": True, "alcohol_units": 1.5, "breathing_minutes": 10,
        "mindfulness_minutes": 5, "red_flags": [], "custom": {"hydration": 6},
        "notes": "Gardening in the afternoon",
    }
    created = post(client, auth_headers, **fields).get_json()
    fetched = client.get(f"/api/checkins/{created['id']}", headers=auth_headers).get_json()
    for name, value in fields.items():
        assert fetched[name] == value, name
    # The POST answers with what a GET returns (built without the schema's dump, so held here).
    assert created == fetched
    assert list(created) == list(fetched)


def test_same_id_twice_is_one_checkin(client, auth_headers):
    body = {"id": new_id(), "at": AT, "pain": 5}
    first = client.post("/api/checkins", json=body, headers=auth_headers)
    again = client.post("/api/checkins", json={**body, "pain": 9}, headers=auth_headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["pain"] == 5
    listed = client.get("/api/checkins", headers=auth_headers).get_json()
    assert [c["id"] for c in listed] == [body["id"]]


def test_list_filters_by_local_date_and_pages(client, auth_headers):
    for day in range(1, 8):
        post(client, auth_headers, pain=day, at=f"2026-03-0{day}T09:00:00+00:00")
    ranged = client.get("/api/checkins?from=2026-03-02&to=2026-03-04", headers=auth_headers)
    assert sorted(c["pain"] for c in ranged.get_json()) == [2, 3, 4]
    page = client.get("/api/checkins?page=2&page_size=3", headers=auth_headers)
    assert [c["pain"] for c in page.get_json()] == [4, 3, 2]  # newest first
    assert '"total": 7' in page.headers["X-Pagination"]


def test_patch_changes_and_clears_fields(client, auth_headers):
    created = post(client, auth_headers, pain=5, stress=6).get_json()
    url = f"/api/checkins/{created['id']}"
    patched = client.patch(url, json={"pain": 3, "stress": None}, headers=auth_headers)
    assert patched.status_code == 200
    body = patched.get_json()
    assert body["pain"] == 3 and "stress" not in body


def test_delete_leaves_a_tombstone_without_health_data(app, client, auth_headers):
    created = post(client, auth_headers, pain=5, notes="private").get_json()
    url = f"/api/checkins/{created['id']}"
    assert client.delete(url, headers=auth_headers).status_code == 204
    assert client.get(url, headers=auth_headers).status_code == 404
    assert client.get("/api/checkins", headers=auth_headers).get_json() == []
    with app.app_context():
        from server.checkins.models import CheckIn
        from server.extensions import db

        row = db.session.get(CheckIn, created["id"])
        assert row.deleted and row.pain is None and row.notes is None


def test_reposting_a_deleted_id_does_not_resurrect_it(client, auth_headers):
    body = {"id": new_id(), "at": AT, "pain": 5}
    client.post("/api/checkins", json=body, headers=auth_headers)
    client.delete(f"/api/checkins/{body['id']}", headers=auth_headers)
    assert client.post("/api/checkins", json=body, headers=auth_headers).status_code == 409


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_persons_checkin_is_not_found(client, auth_headers, other_headers, method):
    created = post(client, auth_headers, pain=5).get_json()
    url = f"/api/checkins/{created['id']}"
    kwargs = {"json": {"pain": 1}} if method == "patch" else {}
    response = getattr(client, method)(url, headers=other_headers, **kwargs)
    assert response.status_code == 404
    assert client.get(url, headers=auth_headers).get_json()["pain"] == 5


def test_another_persons_checkins_are_not_listed_or_overwritten(client, auth_headers, other_headers):
    body = {"id": new_id(), "at": AT, "pain": 5}
    client.post("/api/checkins", json=body, headers=auth_headers)
    assert client.get("/api/checkins", headers=other_headers).get_json() == []
    stolen = client.post("/api/checkins", json={**body, "pain": 0}, headers=other_headers)
    assert stolen.status_code == 409
    assert client.get(f"/api/checkins/{body['id']}", headers=auth_headers).get_json()["pain"] == 5


@pytest.mark.parametrize("method,path", [
    ("get", "/api/checkins"), ("post", "/api/checkins"),
    ("get", "/api/checkins/" + "0" * 8 + "-0000-4000-8000-" + "0" * 12),
    ("get", "/api/account/export"), ("delete", "/api/account"), ("post", "/api/auth/logout"),
])
def test_routes_need_a_token(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 401
    assert response.get_json()["code"] == 401
