"""The account's optional profile (name, date of birth) and check-in layout: set, cleared,
validated, exported, and never required."""

import pytest


def test_a_new_account_has_no_name_no_birth_date_and_the_default_layout(client, auth_headers):
    me = client.get("/api/account", headers=auth_headers).get_json()
    assert me["name"] is None and me["birth_date"] is None and me["checkin_sections"] is None


def test_name_birth_date_and_sections_are_set_separately_and_cleared_with_null(
    client, auth_headers
):
    body = {"name": "  Ada Lovelace ", "birth_date": "1985-12-10"}
    me = client.patch("/api/account", json=body, headers=auth_headers).get_json()
    assert me["name"] == "Ada Lovelace" and me["birth_date"] == "1985-12-10"
    me = client.patch(
        "/api/account", json={"checkin_sections": ["sleep", "where", "notes"]}, headers=auth_headers
    ).get_json()
    assert me["checkin_sections"] == ["sleep", "where", "notes"]
    assert me["name"] == "Ada Lovelace" and me["timezone"] == "Europe/London"  # untouched
    me = client.patch(
        "/api/account", json={"name": None, "checkin_sections": None}, headers=auth_headers
    ).get_json()
    assert (
        me["name"] is None and me["checkin_sections"] is None and me["birth_date"] == "1985-12-10"
    )
    assert client.get("/api/account", headers=auth_headers).get_json()["birth_date"] == "1985-12-10"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "1850-01-01"}, "birth_date"),
        ({"birth_date": "10/12/1985"}, "birth_date"),
        ({"name": "x" * 121}, "name"),
        ({"checkin_sections": ["sleep", "sleep"]}, "checkin_sections"),
        ({"checkin_sections": ["Sleep!"]}, "checkin_sections"),
        ({"checkin_sections": ["a"] * 21}, "checkin_sections"),
        ({"nickname": "x"}, "nickname"),
    ],
)
def test_bad_profile_values_are_a_422_and_change_nothing(client, auth_headers, body, field):
    client.patch("/api/account", json={"name": "Ada"}, headers=auth_headers)
    response = client.patch("/api/account", json=body, headers=auth_headers)
    assert response.status_code == 422
    assert field in {key.split(".")[0] for key in response.get_json()["errors"]}
    assert client.get("/api/account", headers=auth_headers).get_json()["name"] == "Ada"


def test_the_export_holds_the_profile(client, auth_headers):
    client.patch(
        "/api/account",
        json={"name": "Ada", "birth_date": "1985-12-10", "checkin_sections": ["sleep"]},
        headers=auth_headers,
    )
    account = client.get("/api/account/export", headers=auth_headers).get_json()["account"]
    assert (account["name"], account["birth_date"], account["checkin_sections"]) == (
        "Ada",
        "1985-12-10",
        ["sleep"],
    )
