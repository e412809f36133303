"""Hunches API: a person names a factor or a pair, sees what their own data say, deletes it;
another account never sees or deletes it; the export carries it and deleting the account
removes it. Bad input is a 422 (409 for one too many or one already named), never a 5xx."""
import pytest
from sqlalchemy import select

from server.accounts.models import User
from server.analysis import hunch_results
from server.checkins.service import checkin_records
from server.common.time import local_date, utcnow
from server.demo import DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from server.extensions import db
from server.hunches.models import Hunch
from server.hunches.service import MAX_HUNCHES
from tests.conftest import new_id

PAIR = {"factors": ["alcohol_units", "sleep_hours"], "direction": "worse"}


def test_hunches_need_a_signed_in_user(client):
    assert client.get("/api/hunches").status_code == 401
    assert client.post("/api/hunches", json=PAIR).status_code == 401


def test_a_new_person_names_a_pair_and_is_told_it_needs_more_days(client, auth_headers):
    client.post("/api/checkins", json={"id": new_id(), "at": "2026-03-01T20:00:00Z", "pain": 4,
                                       "alcohol_units": 2, "sleep_hours": 6.5},
                headers=auth_headers)
    made = client.post("/api/hunches", json=PAIR, headers=auth_headers)
    assert made.status_code == 201, made.get_json()
    hunch = made.get_json()
    assert hunch["factors"] == ["alcohol_units", "sleep_hours"]
    assert hunch["labels"] == ["More alcohol than usual", "Short sleep"]
    assert hunch["result"]["status"] == "not_enough"
    assert hunch["result"]["text"].startswith("Not enough days yet")
    listed = client.get("/api/hunches", headers=auth_headers).get_json()
    assert [h["id"] for h in listed["hunches"]] == [hunch["id"]]
    assert {"factor": "sleep_hours", "label": "Short sleep"} in listed["choices"]
    assert "stress" not in [c["factor"] for c in listed["choices"]]   # never logged
    assert listed["max_hunches"] == MAX_HUNCHES


@pytest.mark.parametrize("body, field", [
    ({"factors": ["made_up"], "direction": "worse"}, "factors"),
    ({"factors": [], "direction": "worse"}, "factors"),
    ({"factors": ["stress", "mood", "energy"], "direction": "worse"}, "factors"),
    ({"factors": ["stress", "stress"], "direction": "worse"}, "factors"),
    ({"factors": ["custom.Bad Key"], "direction": "worse"}, "factors"),
    ({"factors": ["stress"], "direction": "sideways"}, "direction"),
    ({"factors": ["stress"]}, "direction"),
    ({"factors": "stress", "direction": "worse"}, "factors"),
    ({"factors": ["stress"], "direction": "worse", "extra": 1}, "extra"),
])
def test_bad_hunches_are_a_422_that_names_the_field(client, auth_headers, body, field):
    response = client.post("/api/hunches", json=body, headers=auth_headers)
    assert response.status_code == 422, response.get_json()
    assert field in str(response.get_json()["errors"])
    assert client.get("/api/hunches", headers=auth_headers).get_json()["hunches"] == []


def test_one_too_many_or_the_same_pair_again_is_a_409(client, auth_headers):
    names = ["stress", "mood", "energy", "late_meal", "custom.coffee"]
    for name in names[:MAX_HUNCHES]:
        assert client.post("/api/hunches", json={"factors": [name], "direction": "worse"},
                           headers=auth_headers).status_code == 201
    again = client.post("/api/hunches", json={"factors": ["stress"], "direction": "better"},
                        headers=auth_headers)
    assert again.status_code == 409
    extra = client.post("/api/hunches", json=PAIR, headers=auth_headers)
    assert extra.status_code == 409 and "delete one" in extra.get_json()["message"]


def test_another_account_neither_sees_nor_deletes_my_hunch(client, auth_headers, other_headers):
    mine = client.post("/api/hunches", json=PAIR, headers=auth_headers).get_json()
    assert client.get("/api/hunches", headers=other_headers).get_json()["hunches"] == []
    assert client.delete(f"/api/hunches/{mine['id']}", headers=other_headers).status_code == 404
    assert len(client.get("/api/hunches", headers=auth_headers).get_json()["hunches"]) == 1
    assert client.delete(f"/api/hunches/{mine['id']}", headers=auth_headers).status_code == 204
    assert client.get("/api/hunches", headers=auth_headers).get_json()["hunches"] == []
    assert client.delete(f"/api/hunches/{mine['id']}", headers=auth_headers).status_code == 404


def test_the_export_carries_hunches_and_deleting_the_account_removes_them(
        app, client, auth_headers, other_headers):
    client.post("/api/hunches", json=PAIR, headers=auth_headers)
    client.post("/api/hunches", json={"factors": ["stress"], "direction": "worse"},
                headers=other_headers)
    export = client.get("/api/account/export", headers=auth_headers).get_json()
    assert [(h["factors"], h["direction"]) for h in export["data"]["hunches"]] == [
        (PAIR["factors"], "worse")]
    assert client.delete("/api/account", headers=auth_headers).status_code == 204
    with app.app_context():
        left = [h.factors for h in db.session.execute(select(Hunch)).scalars()]
    assert left == [["stress"]]


def test_the_demo_persons_hunch_is_answered_from_their_own_days(app, client):
    """The demo's short nights push pain up; the result served is the engine's on the stored
    check-ins, with the days since it was named judged apart."""
    with app.app_context():
        seed_demo(utcnow(), days=180, scrypt_n=2**10)
        user = db.session.execute(select(User).where(User.email == DEMO_EMAIL)).scalar_one()
        records, zone = checkin_records(user.id), user.timezone
        db.session.remove()
    token = client.post("/api/auth/login", json={"email": DEMO_EMAIL,
                                                 "password": DEMO_PASSWORD}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    body = {"factors": ["sleep_hours"], "direction": "worse"}
    hunch = client.post("/api/hunches", json=body, headers=headers).get_json()
    today = local_date(utcnow(), zone)
    expected = hunch_results(records, zone, today, [{**body, "named_on": today}])[0]
    assert hunch["result"]["status"] == expected.status == "agree"
    assert hunch["result"]["text"] == expected.text
    assert hunch["result"]["since_named"]["n_days"] == 0


def test_the_openapi_document_names_the_hunch_shapes(client):
    spec = client.get("/api/openapi.json").get_json()
    assert {"get", "post"} <= set(spec["paths"]["/api/hunches"])
    assert "delete" in spec["paths"]["/api/hunches/{hunch_id}"]
    assert "HunchIn" in spec["components"]["schemas"]
