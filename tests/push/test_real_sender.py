"""End to end through the real sender: an alert and a DST-night reminder reach a browser once,
decrypted with the subscription's own key, with no health values, and a 500 is retried by the
scheduler's next tick."""
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from server.alerts.models import AlertEvent
from server.extensions import db
from server.push.gateway import PushSenderGateway
from server.push.models import PushSubscription
from server.reminders.models import Delivery, ReminderRule
from server.scheduler import nightly, tick


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def subscribe(app, user_id, *subs):
    with app.app_context():
        for sub in subs:
            db.session.add(PushSubscription(user_id=user_id, endpoint=sub.endpoint, p256dh=sub.p256dh, auth=sub.auth))
        db.session.commit()


def test_an_alert_arrives_once_without_its_numbers(app, user, push_service, sender):
    browser = push_service.subscribe()
    subscribe(app, user.id, browser)
    gateway = PushSenderGateway(app, sender=sender)

    def series(user_id, now):
        return [{"date": now.date(), "acwr": 2.4, "nsaid_days_14": 12}]

    for day in range(2, 5):  # the condition holds three nights running: one crossing
        nightly(app, utc(2026, 6, day, 6, 0), series_for=series, recompute=lambda *_: None)  # 07:00 London
        tick(app, utc(2026, 6, day, 6, 1), push=gateway)
    received = push_service.received_for(browser)
    # acwr_spike and nsaid_days crossed together: one notification for both (issue 19)
    assert [r.payload["kind"] for r in received] == ["alert"]
    assert push_service.rejected == []
    with app.app_context():
        events = db.session.scalars(select(AlertEvent)).all()
    assert {e.day for e in events} == {date(2026, 6, 2)} and len(events) == 2
    for r in received:  # ids are random hex, so look at the words a lock screen shows
        text = r.payload["title"] + " " + r.payload["body"]
        assert not any(ch.isdigit() for ch in text)
        assert set(r.payload) == {"kind", "title", "body", "tag", "url", "occurrence_id", "alert_id", "actions"}
        assert r.payload["url"] == f"#/alerts/{r.payload['alert_id']}"


def test_spring_forward_reminder_through_the_real_sender_and_a_500_retried(app, user, push_service, sender):
    flaky = push_service.subscribe()
    push_service.respond(flaky, 500, 201)  # the sender tries once; the delivery row retries
    subscribe(app, user.id, flaky)
    with app.app_context():
        from server.alerts.settings import save

        save(user.id, {"quiet_start": "00:00", "quiet_end": "00:00"})
        db.session.add(ReminderRule(id="7b0c1f5e-4a43-4d55-9d6a-0f3f5b0a4a11", user_id=user.id, deleted=False,
                                    data={"kind": "protocol", "times": ["01:30"]}, updated_at=utc(2026, 1, 1),
                                    device_id="t", seq=0))
        db.session.commit()
    gateway = PushSenderGateway(app, sender=sender)
    # London, 2026-03-29: 01:00 GMT -> 02:00 BST; 01:30 does not exist and fires at 02:00 BST (01:00 UTC).
    start = utc(2026, 3, 29, 0, 50)
    for minute in range(20):
        tick(app, start + timedelta(minutes=minute), push=gateway)
    [got] = push_service.received_for(flaky)
    assert got.payload["kind"] == "protocol"
    with app.app_context():
        [(status, attempts)] = db.session.execute(select(Delivery.status, Delivery.attempts)).all()
    assert (status, attempts) == ("sent", 2)
