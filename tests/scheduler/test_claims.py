"""Two schedulers claiming due deliveries at the same instant on PostgreSQL get disjoint sets."""
import threading
from datetime import timedelta

import pytest

from server import create_app
from server.extensions import db
from server.reminders.delivery import claim_deliveries
from server.reminders.models import Delivery, ReminderOccurrence
from tests.scheduler.conftest import utc

NOW = utc(2026, 6, 3, 12, 0)


@pytest.mark.postgresql_only
def test_two_concurrent_claims_return_disjoint_sets_covering_every_due_delivery(app, make_person):
    person = make_person("UTC")
    with app.app_context():
        for i in range(20):
            occ = ReminderOccurrence(user_id=person, rule_id=f"rule-{i}", kind="checkin", occurrence_key="k",
                                     local_date=NOW.date(), due_at=NOW, expires_at=NOW + timedelta(hours=4),
                                     status="delivering", attempts=0)
            db.session.add(occ)
            db.session.flush()
            db.session.add_all(Delivery(occurrence_id=occ.id, user_id=person, subscription_id=str(s),
                                        status="pending", attempts=0, next_attempt_at=NOW - timedelta(seconds=s),
                                        created_at=NOW, updated_at=NOW) for s in range(100))
        db.session.commit()
    apps = [app, create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "TESTING": True})]
    start = threading.Barrier(2)
    claimed: dict[str, list[int]] = {}

    def claim(which, worker):
        with which.app_context():
            start.wait()
            claimed[worker] = [c.id for c in claim_deliveries(NOW, worker, limit=1500)]
            # A row the other claim held locked may be skipped by both in the first race; the
            # next wave takes it (deliver_due claims wave after wave until none is due).
            while more := claim_deliveries(NOW, worker, limit=1500):
                claimed[worker] += [c.id for c in more]
            db.session.remove()

    threads = [threading.Thread(target=claim, args=(a, w)) for a, w in zip(apps, ("one", "two"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with apps[1].app_context():
        db.engine.dispose()
    one, two = set(claimed["one"]), set(claimed["two"])
    assert one.isdisjoint(two), f"{len(one & two)} deliveries claimed by both schedulers"
    assert len(one | two) == 2000  # together, wave by wave, they took every due delivery once
