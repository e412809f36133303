"""End to end: a scheduler tick sends a due reminder through the real sender, once."""
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from server.extensions import db
from server.push.gateway import PushSenderGateway
from server.push.models import PushSubscription
from server.reminders import models as reminders


def test_a_due_check_in_arrives_once_and_a_gone_browser_is_forgotten(app, user, push_service, sender):
    ok, gone = push_service.subscribe(), push_service.subscribe()
    push_service.respond(gone, 410)
    with app.app_context():
        db.session.add(reminders.ReminderRule(
            id=str(uuid.uuid4()), user_id=user.id, data={"kind": "checkin", "times": ["20:00"]},
            updated_at=datetime(2026, 1, 1, tzinfo=timezone.utc), device_id="test", deleted=False, seq=0))
        for sub in (ok, gone):
            db.session.add(PushSubscription(user_id=user.id, endpoint=sub.endpoint, p256dh=sub.p256dh, auth=sub.auth))
        db.session.commit()
    from server.scheduler import tick

    gateway = PushSenderGateway(app, sender=sender)
    due = datetime(2026, 6, 3, 19, 0, tzinfo=timezone.utc)  # 20:00 in Europe/London (BST)
    for minute in range(3):
        tick(app, due + timedelta(minutes=minute), push=gateway)
    [got] = push_service.received_for(ok)
    assert got.payload["kind"] == "checkin" and got.payload["url"] == "#/checkin"
    assert push_service.rejected == []
    with app.app_context():
        assert db.session.execute(select(PushSubscription.endpoint)).scalars().all() == [ok.endpoint]
