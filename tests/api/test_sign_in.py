"""Sign-in protection: limits that slow an attacker without locking the owner out, exact
under concurrency; a register answer that reveals nothing; passwords that are not weak."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from server.accounts.models import KnownDevice, SignInThrottle
from server.accounts.throttle import throttle_key
from server.extensions import db
from tests.conftest import PASSWORD, register

WRONG = "not my password at all"


def login(client, email="ada@example.org", password=PASSWORD, address="10.0.0.1",
          device_key=None):
    body = {"email": email, "password": password}
    if device_key:
        body["device_key"] = device_key
    return client.post("/api/auth/login", json=body, environ_base={"REMOTE_ADDR": address})


def fail_until_locked(app, client, email="ada@example.org"):
    """Wrong passwords from many addresses until the account refuses unknown devices."""
    for attempt in range(app.config["LOGIN_MAX_FAILURES"]):
        assert login(client, email, WRONG, address=f"203.0.113.{attempt}").status_code == 401
    assert login(client, email, PASSWORD, address="198.51.100.7").status_code == 429


@pytest.mark.parametrize("password,words", [
    ("aaaaaaaaaa", "easy to guess"), ("1234567890", "most common"), (" " * 10, "spaces"),
    ("password123", "most common"), ("qwertyuiop", "most common"), ("Password1!", "easy to guess"),
    ("ada@example.org", "easy to guess"), ("iloveyou12", "most common"), ("short", "at least 10"),
    ("a" * 72 + "Zq8#mW!p", "easy to guess"),
])
def test_weak_passwords_are_refused_with_a_plain_reason(client, password, words):
    response = client.post("/api/auth/register",
                           json={"email": "ada@example.org", "password": password})
    assert response.status_code == 422
    [message] = response.get_json()["errors"]["password"]
    assert words in message and "unrelated words" in message


@pytest.mark.parametrize("password", [PASSWORD, "kettle river pencil moon", "Tr0ub4dor&3x",
                                      "my knees predict rain"])
def test_strong_passwords_are_accepted(client, password):
    register(client, "ada@example.org", password)


def test_register_answers_the_same_whether_or_not_the_email_exists(client, monkeypatch):
    from server.accounts import service

    hashes = []
    real = service.hash_password
    monkeypatch.setattr(service, "hash_password", lambda *a: hashes.append(1) or real(*a))
    body = {"email": "ada@example.org", "password": "kettle river pencil moon"}
    first = client.post("/api/auth/register", json=body)
    again = client.post("/api/auth/register", json={**body, "email": "ADA@Example.org"})
    other_password = client.post("/api/auth/register",
                                 json={**body, "password": "a wholly different phrase"})
    answers = [(r.status_code, r.get_json(), sorted(set(r.headers.keys()) - {"Date"}))
               for r in (first, again, other_password)]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 202 and "token" not in answers[0][1]
    assert hashes == [1, 1, 1]  # the same work either way, so timing tells nothing either
    weak_new = client.post("/api/auth/register", json={"email": "new@example.org",
                                                       "password": "aaaaaaaaaa"})
    weak_taken = client.post("/api/auth/register", json={**body, "password": "aaaaaaaaaa"})
    assert weak_new.get_json() == weak_taken.get_json()


def test_signing_up_again_with_the_same_password_simply_signs_in(client):
    register(client, "ada@example.org")
    again = client.post("/api/auth/register", json={"email": "ada@example.org",
                                                    "password": PASSWORD})
    assert again.status_code == 202
    assert login(client).status_code == 200


def test_an_attacker_cannot_lock_the_owner_out_of_a_known_device(app, client):
    register(client, "ada@example.org")
    device_key = login(client).get_json()["device_key"]
    fail_until_locked(app, client)
    owner = login(client, device_key=device_key, address="203.0.113.1")
    assert owner.status_code == 200
    assert owner.get_json()["device_key"] == device_key
    # Still locked for unknown devices, including the attacker's next try.
    assert login(client, address="198.51.100.8").status_code == 429


def test_a_locked_account_says_when_and_that_a_known_device_still_works(app, client):
    register(client, "ada@example.org")
    fail_until_locked(app, client)
    refused = login(client, address="198.51.100.9")
    window = app.config["LOGIN_WINDOW_MINUTES"] * 60
    assert 0 < int(refused.headers["Retry-After"]) <= window
    message = refused.get_json()["message"]
    assert "minute" in message and "signed in with before" in message


def test_a_device_key_counts_only_for_its_own_account(app, client):
    register(client, "ada@example.org")
    register(client, "bob@example.org")
    bobs_key = login(client, "bob@example.org").get_json()["device_key"]
    fail_until_locked(app, client)
    assert login(client, device_key=bobs_key).status_code == 429
    assert login(client, device_key="made-up-key").status_code == 429


def test_a_known_device_has_its_own_limit(app, client):
    register(client, "ada@example.org")
    device_key = login(client).get_json()["device_key"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert login(client, password=WRONG, device_key=device_key).status_code == 401
    assert login(client, device_key=device_key).status_code == 429
    assert login(client, address="198.51.100.10").status_code == 200  # others unaffected


def test_successful_sign_ins_do_not_use_up_the_limit(app, client):
    register(client, "ada@example.org")
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit - 1):
        assert login(client, password=WRONG).status_code == 401
    for _ in range(limit + 2):
        assert login(client).status_code == 200
    assert login(client, password=WRONG).status_code == 401
    assert login(client, password=WRONG).status_code == 429


def test_the_lock_ends_with_its_window(app, client):
    register(client, "ada@example.org")
    fail_until_locked(app, client)
    with app.app_context():
        window = timedelta(minutes=app.config["LOGIN_WINDOW_MINUTES"])
        for row in db.session.execute(select(SignInThrottle)).scalars():
            row.window_start -= window
        db.session.commit()
    assert login(client, address="198.51.100.11").status_code == 200


def test_the_counters_hold_no_email_or_address(app, client):
    register(client, "ada@example.org")
    login(client, password=WRONG, address="192.0.2.55")
    with app.app_context():
        rows = db.session.execute(select(SignInThrottle)).scalars().all()
    assert len(rows) == 2
    text = " ".join(row.key for row in rows)
    assert "ada" not in text and "192.0.2.55" not in text
    assert all(len(row.key) == 64 for row in rows)


def test_known_devices_are_exported_without_their_keys_and_erased_with_the_account(app, client):
    headers = register(client, "ada@example.org")
    device_key = login(client).get_json()["device_key"]
    login(client, password=WRONG)
    export = client.get("/api/account/export", headers=headers).get_json()
    devices = export["data"]["known_devices"]
    assert len(devices) == 2 and all("key_hash" not in d for d in devices)
    assert device_key not in str(export)
    assert client.delete("/api/account", headers=headers).status_code == 204
    with app.app_context():
        assert db.session.execute(select(KnownDevice)).first() is None
        assert db.session.get(SignInThrottle, throttle_key("account", "ada@example.org")) is None


def race(app, attempts):
    """Send every (email, password, address) at once from its own thread; the statuses."""
    barrier = threading.Barrier(len(attempts))
    statuses = [None] * len(attempts)

    def attempt(index, email, password, address):
        client = app.test_client()
        barrier.wait()
        statuses[index] = login(client, email, password, address).status_code

    threads = [threading.Thread(target=attempt, args=(i, *a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def test_thirty_concurrent_wrong_passwords_never_pass_the_account_limit(app, client):
    register(client, "ada@example.org")
    limit = app.config["LOGIN_MAX_FAILURES"]
    statuses = race(app, [("ada@example.org", WRONG, f"203.0.113.{i}") for i in range(30)])
    assert sorted(statuses) == [401] * limit + [429] * (30 - limit)


def test_thirty_concurrent_tries_from_one_address_never_pass_its_limit(app, client):
    app.config["LOGIN_MAX_FAILURES"] = 4  # the address limit is five times this: 20
    statuses = race(app, [(f"guess{i}@example.org", WRONG, "203.0.113.99") for i in range(30)])
    assert sorted(statuses) == [401] * 20 + [429] * 10


def test_behind_a_proxy_each_forwarded_address_has_its_own_limit(app, db_url):
    """With PROXY_HOPS=1 (nginx in front) the limit follows X-Forwarded-For, not the proxy's
    own address; a client cannot escape it by prepending addresses of its own."""
    from server import create_app
    from tests.conftest import TEST_SETTINGS

    proxied_app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": db_url,
                              "PROXY_HOPS": 1, "LOGIN_MAX_FAILURES": 2})
    proxied = proxied_app.test_client()

    def attempt(forwarded, email):
        return proxied.post("/api/auth/login", json={"email": email, "password": WRONG},
                            headers={"X-Forwarded-For": forwarded},
                            environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code

    assert [attempt("198.51.100.1", f"guess{i}@example.org") for i in range(10)] == [401] * 10
    assert attempt("198.51.100.1", "another@example.org") == 429
    assert attempt("203.0.113.50, 198.51.100.1", "another@example.org") == 429
    assert attempt("198.51.100.2", "another@example.org") == 401
    with proxied_app.app_context():
        db.engine.dispose()
