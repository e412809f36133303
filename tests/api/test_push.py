"""The push API: the VAPID key, subscribing a browser, unsubscribing, and `flask push init`."""
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from server.extensions import db
from server.push.models import PushSubscription
from server.push.vapid import b64url_decode, private_pem
from tests.push_service import make_subscription

FCM = "https://fcm.googleapis.com/fcm/send/dGVzdC1lbmRwb2ludA:APA91bH"


@pytest.fixture(autouse=True)
def push_config(app, tmp_path):
    """Keys from config, so no test writes instance/vapid.json into the repository."""
    key = ec.generate_private_key(ec.SECP256R1())
    app.config.update(VAPID_PRIVATE_KEY=private_pem(key), VAPID_SUBJECT="mailto:ops@emberwise.test")
    app.instance_path = str(tmp_path)
    return key


def browser_json(endpoint=FCM):
    """What pushManager.subscribe() resolves to, after toJSON()."""
    return {**make_subscription(endpoint).to_json(), "expirationTime": None}


def rows(app):
    with app.app_context():
        return db.session.execute(select(PushSubscription.user_id, PushSubscription.endpoint,
                                         PushSubscription.p256dh)).all()


def test_public_key_is_served_without_signing_in(client, push_config):
    body = client.get("/api/push/key").get_json()
    raw = b64url_decode(body["public_key"])
    assert len(raw) == 65 and raw[0] == 4
    assert client.get("/api/push/key").get_json() == body


def test_subscribing_is_idempotent_by_endpoint(app, client, auth_headers, user):
    first = client.post("/api/push/subscriptions", json=browser_json(), headers=auth_headers)
    assert first.status_code == 201
    assert first.get_json()["endpoint"] == FCM
    renewed = browser_json()
    again = client.post("/api/push/subscriptions", json=renewed, headers=auth_headers)
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    assert rows(app) == [(user.id, FCM, renewed["keys"]["p256dh"])]


def test_subscribing_needs_a_session(client):
    assert client.post("/api/push/subscriptions", json=browser_json()).status_code == 401


@pytest.mark.parametrize("change,field", [
    ({"endpoint": "https://push.evil.example/x"}, "endpoint"),
    ({"endpoint": "http://fcm.googleapis.com/fcm/send/x"}, "endpoint"),
    ({"endpoint": "http://127.0.0.1:9999/push/x"}, "endpoint"),
    ({"keys": {"p256dh": "BAAA", "auth": "c2VjcmV0c2VjcmV0MTIzNA"}}, "keys.p256dh"),
    ({"keys": {"p256dh": make_subscription(FCM).p256dh, "auth": "short"}}, "keys.auth"),
    ({"keys": {"p256dh": make_subscription(FCM).p256dh}}, "keys.auth"),
    ({"pain": 8}, "pain"),
])
def test_invalid_subscriptions_are_422_with_the_field(app, client, auth_headers, change, field):
    response = client.post("/api/push/subscriptions", json={**browser_json(), **change}, headers=auth_headers)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert rows(app) == []


def test_loopback_endpoints_only_when_configured(app, client, auth_headers):
    app.config["PUSH_ALLOW_LOOPBACK"] = "1"
    body = browser_json("http://127.0.0.1:9999/push/x")
    assert client.post("/api/push/subscriptions", json=body, headers=auth_headers).status_code == 201


def test_unsubscribing_removes_only_your_own(app, client, auth_headers, other_headers, user):
    client.post("/api/push/subscriptions", json=browser_json(), headers=auth_headers)
    other = browser_json(FCM + "-bob")
    client.post("/api/push/subscriptions", json=other, headers=other_headers)
    # Bob cannot remove Ada's browser, even knowing its endpoint.
    assert client.delete("/api/push/subscriptions", json={"endpoint": FCM}, headers=other_headers).status_code == 204
    assert {r.endpoint for r in rows(app)} == {FCM, other["endpoint"]}
    assert client.delete("/api/push/subscriptions", json={"endpoint": FCM}, headers=auth_headers).status_code == 204
    assert [r.endpoint for r in rows(app)] == [other["endpoint"]]
    assert client.delete("/api/push/subscriptions", json={"endpoint": FCM}, headers=auth_headers).status_code == 204


def test_a_browser_moves_to_another_account_only_with_its_own_keys(app, client, auth_headers, other_headers, user):
    ada_browser = browser_json()
    client.post("/api/push/subscriptions", json=ada_browser, headers=auth_headers)
    # Bob knows the endpoint URL but not the browser's keys: Ada keeps her reminders.
    stolen = browser_json()  # same endpoint, Bob's own keys
    answer = client.post("/api/push/subscriptions", json=stolen, headers=other_headers)
    assert answer.status_code == 409
    [(owner, _, p256dh)] = rows(app)
    assert owner == user.id and p256dh == ada_browser["keys"]["p256dh"]
    # The same browser (its own keys) signed in to Bob's account now: it moves.
    assert client.post("/api/push/subscriptions", json=ada_browser, headers=other_headers).status_code == 200
    [(owner, _, _)] = rows(app)
    assert owner != user.id


def test_deleting_the_account_removes_its_subscriptions(app, client, auth_headers):
    client.post("/api/push/subscriptions", json=browser_json(), headers=auth_headers)
    assert client.delete("/api/account", headers=auth_headers).status_code == 204
    assert rows(app) == []


def test_push_init_creates_keys_once(app, runner, tmp_path):
    del app.config["VAPID_PRIVATE_KEY"]
    first = runner.invoke(args=["push", "init"])
    second = runner.invoke(args=["push", "init"])
    assert first.exit_code == 0 and "Created" in first.output
    assert second.exit_code == 0 and "Keeping existing" in second.output
    assert first.output.splitlines()[-1] == second.output.splitlines()[-1]
    assert (tmp_path / "vapid.json").exists()


def test_push_init_prints_an_env_line_that_gives_the_same_keys(app, runner, tmp_path, monkeypatch):
    from server.push.vapid import keys_from_env

    del app.config["VAPID_PRIVATE_KEY"]
    output = runner.invoke(args=["push", "init"]).output
    [line] = [x for x in output.splitlines() if x.startswith("VAPID_PRIVATE_KEY=")]
    public = output.splitlines()[-1].removeprefix("public key: ")
    assert keys_from_env({"VAPID_PRIVATE_KEY": line.split("=", 1)[1]}).public_key == public
    monkeypatch.setenv("VAPID_PRIVATE_KEY", line.split("=", 1)[1])  # pasted into the env file
    again = runner.invoke(args=["push", "init"]).output
    assert "environment" in again and again.splitlines()[-1] == f"public key: {public}"
    assert "VAPID_PRIVATE_KEY=" not in again  # a key already in the environment is not echoed


def test_push_init_reports_environment_keys(runner, tmp_path):
    result = runner.invoke(args=["push", "init"])
    assert "environment" in result.output and not (tmp_path / "vapid.json").exists()


def test_an_account_keeps_only_its_newest_browsers(app, client, auth_headers):
    from server.push.service import MAX_SUBSCRIPTIONS_PER_USER

    endpoints = [f"{FCM}-{i}" for i in range(MAX_SUBSCRIPTIONS_PER_USER + 2)]
    for endpoint in endpoints:
        assert client.post("/api/push/subscriptions", json=browser_json(endpoint),
                           headers=auth_headers).status_code == 201
    assert sorted(r.endpoint for r in rows(app)) == sorted(endpoints[2:])
