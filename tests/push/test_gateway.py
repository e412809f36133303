"""The scheduler's push gateway: subscriptions from the database, real sends, outcomes it records."""
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import select

from server.extensions import db
from server.push.gateway import PushSenderGateway
from server.push.models import PushSubscription

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=timezone.utc)


def scheduler_message(occurrence_id, subscription_id, **payload):
    """The shape server.reminders sends through the gateway."""
    body = {"kind": "checkin", "title": "anything", "body": "Pain 9 today", "tag": "checkin:rule1",
            "url": "#/checkin", "occurrence_id": occurrence_id, "actions": [], **payload}
    return SimpleNamespace(occurrence_id=occurrence_id, subscription_id=subscription_id, payload=body,
                           options=SimpleNamespace(ttl=900, urgency="normal", topic="rule1"))


def add_subscription(user_id, sub):
    row = PushSubscription(user_id=user_id, endpoint=sub.endpoint, p256dh=sub.p256dh, auth=sub.auth)
    db.session.add(row)
    db.session.flush()
    return str(row.id)


def test_gateway_sends_catalogue_texts_and_reports_each_outcome(app, user, push_service, sender):
    subs = {name: push_service.subscribe(name) for name in ("ok", "gone", "busy", "big")}
    push_service.respond(subs["gone"], 410)
    push_service.respond(subs["busy"], 503)
    push_service.respond(subs["big"], 413)
    with app.app_context():
        ids = {name: add_subscription(user.id, sub) for name, sub in subs.items()}
        db.session.commit()
        gateway = PushSenderGateway(app, sender=sender)
        assert gateway.subscriptions([user.id, 999]) == {user.id: sorted(ids.values(), key=int)}
        messages = [scheduler_message("occ1", sid) for sid in ids.values()]
        messages.append(scheduler_message("occ1", "424242"))
        outcomes = gateway.deliver(messages, NOW)
        assert {name: outcomes[("occ1", sid)].status for name, sid in ids.items()} == {
            "ok": "sent", "gone": "gone", "busy": "retry", "big": "failed"}
        assert outcomes[("occ1", "424242")].status == "gone"
        assert outcomes[("occ1", ids["ok"])].code == 201
        gateway.forget([ids["gone"]])
        db.session.commit()
        state = {str(r.id): (r.last_success_at, r.failures)
                 for r in db.session.execute(select(PushSubscription)).scalars()}
    assert ids["gone"] not in state
    assert state[ids["ok"]] == (NOW, 0)
    assert state[ids["busy"]][1] == state[ids["big"]][1] == 1
    [got] = push_service.received_for(subs["ok"])
    assert got.payload["body"] == "How is today going? A check-in takes a few seconds"
    assert (got.payload["tag"], got.headers["topic"], got.headers["ttl"]) == ("checkin:rule1", "rule1", "900")


def test_the_pause_a_push_service_asks_for_reaches_the_scheduler_for_that_device_only(app, user, push_service, sender):
    """A 429 with Retry-After: 600 on one device: the scheduler is told to wait 600 s for that
    device (tests/scheduler/test_tick.py then holds just it back), not to retry it in 10 s and
    be refused again; its neighbour on the same push host is sent at once. (Dropping the wait
    here passed every test but the PostgreSQL-only real-process one: issue 17, round 2.)"""
    paused, ok = push_service.subscribe("paused"), push_service.subscribe("ok")
    push_service.respond(paused, 429, retry_after="600")
    with app.app_context():
        ids = {"paused": add_subscription(user.id, paused), "ok": add_subscription(user.id, ok)}
        db.session.commit()
        outcomes = PushSenderGateway(app, sender=sender).deliver(
            [scheduler_message("occ1", sid) for sid in ids.values()], NOW)
    assert (outcomes[("occ1", ids["paused"])].status, outcomes[("occ1", ids["paused"])].retry_after) == ("retry", 600.0)
    assert (outcomes[("occ1", ids["ok"])].status, outcomes[("occ1", ids["ok"])].retry_after) == ("sent", None)
    assert len(push_service.received_for(ok)) == 1
