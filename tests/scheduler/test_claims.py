"""Two schedulers claiming due work at the same instant on PostgreSQL get disjoint sets: due
occurrences at fan-out, and due deliveries after it."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.jobs import service as jobs
from server.reminders.delivery import claim_deliveries, fan_out
from server.reminders.models import Delivery, ReminderOccurrence
from tests.scheduler.conftest import FakePush, utc

NOW = utc(2026, 6, 3, 12, 0)


@pytest.mark.postgresql_only
def test_two_concurrent_claims_return_disjoint_sets_covering_every_due_delivery(app, second_app, make_person):
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
    apps = [app, second_app]
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
    one, two = set(claimed["one"]), set(claimed["two"])
    assert one.isdisjoint(two), f"{len(one & two)} deliveries claimed by both schedulers"
    assert len(one | two) == 2000  # together, wave by wave, they took every due delivery once


class RacingPush(FakePush):
    """Records which people each fan-out took, and holds every fan-out, after its UPDATE and
    before its commit, until the other has taken its share: both hold their rows at once."""

    def __init__(self, subs):
        super().__init__(subs)
        self.both_holding = threading.Barrier(2)
        self.asked: dict[str, list[int]] = {}

    def subscriptions(self, user_ids):
        self.asked.setdefault(threading.current_thread().name, []).extend(user_ids)
        try:
            # Correct claims meet here at once. Had the second UPDATE to wait for the first's
            # row locks, it never arrives: the first goes on after the timeout.
            self.both_holding.wait(timeout=3)
        except threading.BrokenBarrierError:
            pass
        return super().subscriptions(user_ids)


@pytest.mark.postgresql_only
def test_two_concurrent_fan_outs_take_each_due_occurrence_once(app, second_app, make_person):
    """The unique (occurrence, subscription) key would hide a double take by writing no second
    Delivery row; here each fan-out reports what it took, so a double take shows."""
    people = [make_person("UTC") for _ in range(40)]
    with app.app_context():
        db.session.add_all(ReminderOccurrence(user_id=p, rule_id=f"rule-{p}", kind="checkin", occurrence_key="k",
                                              local_date=NOW.date(), due_at=NOW, expires_at=NOW + timedelta(hours=4),
                                              status="pending", attempts=0) for p in people)
        db.session.commit()
    push = RacingPush({p: [f"sub-{p}"] for p in people})
    apps = [app, second_app]
    start = threading.Barrier(2)
    counts: dict[str, int] = {}

    def scheduler(which):
        with which.app_context():
            start.wait(timeout=60)
            counts[threading.current_thread().name] = fan_out(NOW, push, limit=20)
            db.session.remove()

    threads = [threading.Thread(target=scheduler, args=(a,), name=n) for a, n in zip(apps, ("one", "two"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    one, two = push.asked.get("one", []), push.asked.get("two", [])
    assert set(one).isdisjoint(two), f"{len(set(one) & set(two))} occurrences taken by both fan-outs"
    assert sorted(one + two) == sorted(people) and counts == {"one": 20, "two": 20}
    with app.app_context():
        statuses = db.session.scalars(select(ReminderOccurrence.status)).all()
        assert statuses == ["delivering"] * 40
        assert db.session.scalar(select(func.count()).select_from(Delivery)) == 40


def test_each_claim_takes_no_more_than_its_limit(app, make_person):
    """PostgreSQL once ran a claim's LIMIT sub-select again for every row it updated: a fan-out
    limited to 7 took all 40 due occurrences and a delivery wave of 7 took 40 deliveries."""
    people = [make_person("UTC") for _ in range(40)]
    with app.app_context():
        db.session.add_all(ReminderOccurrence(user_id=p, rule_id=f"rule-{p}", kind="checkin", occurrence_key="k",
                                              local_date=NOW.date(), due_at=NOW, expires_at=NOW + timedelta(hours=4),
                                              status="pending", attempts=0) for p in people)
        db.session.commit()
        jobs.enqueue("refresh", [(p, f"refresh:{p}") for p in people], NOW)
        push = FakePush({p: [f"sub-{p}-{i}" for i in range(3)] for p in people})
        assert fan_out(NOW, push, limit=7) == 7
        assert fan_out(NOW, push, limit=100) == 33
        assert len(claim_deliveries(NOW, "one", limit=7)) == 7
        assert len(claim_deliveries(NOW, "one", limit=1000)) == 7 * 3 + 33 * 3 - 7
        assert len(jobs.claim(NOW, "one", "refresh", limit=7)) == 7
