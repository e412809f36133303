"""A device failing for days is disabled and shown to its owner, who turns it back on with one
subscribe."""
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from server.extensions import db
from server.push.gateway import PushSenderGateway
from server.push.vapid import private_pem
from server.reminders.models import ReminderRule
from server.scheduler import tick
from tests.push.conftest import make_sender


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def push_config(app, tmp_path):
    app.config.update(VAPID_PRIVATE_KEY=private_pem(ec.generate_private_key(ec.SECP256R1())),
                      VAPID_SUBJECT="mailto:ops@emberwise.test", PUSH_ALLOW_LOOPBACK="1")
    app.instance_path = str(tmp_path)


def add_rule(app, user_id, data):
    with app.app_context():
        db.session.add(ReminderRule(id=f"r-{len(str(data))}-{user_id}", user_id=user_id, data=data, deleted=False,
                                    updated_at=utc(2026, 1, 1), device_id="t", seq=0))
        db.session.commit()


def test_a_device_failing_for_three_days_is_disabled_shown_and_turned_back_on(
        app, client, auth_headers, user, push_service, vapid_keys, push_config):
    broken, fine = push_service.subscribe("broken"), push_service.subscribe("fine")
    for sub in (broken, fine):
        assert client.post("/api/push/subscriptions", headers=auth_headers, json=sub.to_json()).status_code == 201
    add_rule(app, user.id, {"kind": "checkin", "times": ["20:00"]})
    push_service.respond(broken, *[500] * 200)
    with make_sender(vapid_keys) as sender:
        gateway = PushSenderGateway(app, sender=sender)
        for day in range(4):  # 20:00 London is 19:00 UTC in June
            tick(app, utc(2026, 6, 1 + day, 19, 0), push=gateway)
        listed = {s["endpoint"]: s for s in client.get("/api/push/subscriptions", headers=auth_headers).get_json()}
        assert listed[broken.endpoint]["disabled"] is True and listed[fine.endpoint]["disabled"] is False
        asked = push_service.requests[broken.path]
        tick(app, utc(2026, 6, 5, 19, 0), push=gateway)
        assert push_service.requests[broken.path] == asked  # disabled: no more requests
        assert len(push_service.received_for(fine)) == 5

        # the one-tap fix: this browser subscribes again
        assert client.post("/api/push/subscriptions", headers=auth_headers, json=broken.to_json()).status_code == 200
        listed = {s["endpoint"]: s for s in client.get("/api/push/subscriptions", headers=auth_headers).get_json()}
        assert listed[broken.endpoint]["disabled"] is False
        push_service.respond(broken)  # healthy again
        with push_service._lock:
            push_service._script[broken.path].clear()
        tick(app, utc(2026, 6, 6, 19, 0), push=gateway)
    assert len(push_service.received_for(broken)) == 1
