"""Accounts: register, sign in with limits, sign out, export everything, delete everything."""
from datetime import timedelta

from server.accounts.passwords import hash_password, verify_password
from tests.conftest import PASSWORD, new_id, register


def login(client, email="ada@example.org", password=PASSWORD, address="10.0.0.1"):
    return client.post("/api/auth/login", json={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_register_then_login_returns_a_working_token(client):
    register(client, "Ada@Example.org")
    response = login(client, "ada@example.org")
    assert response.status_code == 200
    token = response.get_json()["token"]
    me = client.get("/api/account", headers={"Authorization": f"Bearer {token}"})
    assert me.get_json()["email"] == "ada@example.org"


def test_registering_a_taken_email_changes_nothing(client):
    register(client, "ada@example.org")
    response = client.post("/api/auth/register",
                           json={"email": "ADA@example.org", "password": "another good passphrase"})
    assert response.status_code == 202
    assert login(client).status_code == 200
    assert login(client, password="another good passphrase").status_code == 401


def test_registration_validates(client):
    short = client.post("/api/auth/register", json={"email": "a@b.org", "password": "short"})
    assert short.status_code == 422 and "password" in short.get_json()["errors"]
    zone = client.post("/api/auth/register",
                       json={"email": "a@b.org", "password": PASSWORD, "timezone": "Mars/Base"})
    assert zone.status_code == 422 and "timezone" in zone.get_json()["errors"]


def test_wrong_password_and_unknown_email_get_the_same_answer(client, auth_headers):
    wrong = login(client, password="wrong password!")
    unknown = login(client, email="nobody@example.org")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["message"] == unknown.get_json()["message"]


def test_login_is_rate_limited_per_account(app, client, auth_headers):
    limit = app.config["LOGIN_MAX_FAILURES"]
    for attempt in range(limit):
        assert login(client, password="wrong password!", address=f"10.0.1.{attempt}").status_code == 401
    limited = login(client, address="10.0.2.1")  # even the right password, from elsewhere
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0


def test_login_is_rate_limited_per_address(app, client):
    limit = app.config["LOGIN_MAX_FAILURES"] * 5
    for attempt in range(limit):
        login(client, email=f"guess{attempt}@example.org", address="10.9.9.9")
    assert login(client, email="another@example.org", address="10.9.9.9").status_code == 429
    assert login(client, email="another@example.org", address="10.9.9.8").status_code == 401


def test_logout_revokes_the_token(client, auth_headers):
    assert client.post("/api/auth/logout", headers=auth_headers).status_code == 204
    assert client.get("/api/account", headers=auth_headers).status_code == 401


def test_expired_token_is_refused(app, client, auth_headers):
    from server.accounts.models import Token
    from server.extensions import db

    with app.app_context():
        for token in db.session.query(Token):
            token.expires_at = token.created_at - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/account", headers=auth_headers).status_code == 401


def test_tokens_are_stored_only_as_hashes(app, client, auth_headers):
    from server.accounts.models import Token
    from server.extensions import db

    raw = auth_headers["Authorization"].split()[1]
    with app.app_context():
        stored = [t.token_hash for t in db.session.query(Token)]
    assert stored and raw not in stored and all(len(h) == 64 for h in stored)


def test_passwords_use_scrypt_at_owasp_strength_by_default():
    from server.config import Config

    assert Config("/tmp").SCRYPT_N == 2**17
    stored = hash_password("a long passphrase", 2**17)
    assert stored.startswith("scrypt$131072$8$1$")
    assert verify_password("a long passphrase", stored)
    assert not verify_password("another passphrase", stored)


def test_export_holds_everything_and_no_secrets(client, auth_headers, other_headers):
    mine = {"id": new_id(), "at": "2026-03-01T08:30:00+01:00", "pain": 4, "notes": "mine"}
    client.post("/api/checkins", json=mine, headers=auth_headers)
    client.post("/api/checkins", json={**mine, "id": new_id(), "notes": "theirs"},
                headers=other_headers)
    export = client.get("/api/account/export", headers=auth_headers).get_json()
    assert export["account"]["email"] == "ada@example.org"
    notes = [row["notes"] for row in export["data"]["checkins"]]
    assert notes == ["mine"]
    text = str(export)
    assert "password_hash" not in text and "token_hash" not in text
    assert auth_headers["Authorization"].split()[1] not in text


def test_delete_account_erases_every_row(app, client, auth_headers, other_headers):
    client.post("/api/checkins", json={"id": new_id(), "at": "2026-03-01T08:30:00Z", "pain": 4},
                headers=auth_headers)
    client.post("/api/checkins", json={"id": new_id(), "at": "2026-03-01T08:30:00Z", "pain": 2},
                headers=other_headers)
    assert client.delete("/api/account", headers=auth_headers).status_code == 204
    assert login(client).status_code == 401
    from server.accounts.service import user_tables
    from server.extensions import db

    with app.app_context():
        from server.accounts.models import User

        ada_left = db.session.query(User).filter_by(email="ada@example.org").count()
        rows = {t.name: db.session.execute(t.select()).all() for t in user_tables()}
    assert ada_left == 0
    assert len(rows["checkins"]) == 1  # only the other person's
    assert client.get("/api/checkins", headers=other_headers).get_json()[0]["pain"] == 2


def test_timezone_can_be_changed(client, auth_headers):
    response = client.patch("/api/account", json={"timezone": "America/New_York"},
                            headers=auth_headers)
    assert response.get_json()["timezone"] == "America/New_York"


def test_security_headers(client, auth_headers):
    api = client.get("/api/account", headers=auth_headers)
    csp = api.headers["Content-Security-Policy"]
    for part in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                 "frame-ancestors 'none'"):
        assert part in csp
    assert api.headers["X-Content-Type-Options"] == "nosniff"
    assert api.headers["Referrer-Policy"] == "no-referrer"
    assert api.headers["Cache-Control"] == "no-store"
