"""Two scheduler processes on one PostgreSQL database: every reminder is sent exactly once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from server.scheduler import tick
from tests.scheduler.conftest import FakePush, utc


class SlowPush(FakePush):
    """Takes a while to answer, so the two schedulers' ticks overlap."""

    def deliver(self, messages, now=None):
        time.sleep(0.05)
        return super().deliver(messages, now)


@pytest.mark.postgresql_only
def test_two_schedulers_racing_send_every_reminder_exactly_once(app, second_app, make_person, make_rule, set_quiet):
    start = utc(2026, 6, 3, 12, 0)
    zones = ["Europe/London", "America/New_York", "Asia/Tokyo", "UTC"]
    people = [make_person(zones[i % len(zones)]) for i in range(40)]
    push = SlowPush({p: [f"{p}-a", f"{p}-b"] for p in people})
    for p in people:
        set_quiet(p, "00:00", "00:00")
        for minute in range(10):
            make_rule(p, {"kind": "checkin", "times": [f"{h:02d}:{minute:02d}" for h in range(24)]},
                      updated_at=start - timedelta(minutes=1))
    errors = []
    minute = threading.Barrier(2)  # the two processes share one clock: both tick minute i together

    def scheduler(which, worker):
        try:
            for i in range(12):
                minute.wait()
                tick(which, start + timedelta(minutes=i), push=push, worker=worker)
        except Exception as exc:  # noqa: BLE001 - any error in a thread is reported below
            errors.append(exc)
            minute.abort()

    barrier_threads = [threading.Thread(target=scheduler, args=(a, w)) for a, w in ((app, "one"), (second_app, "two"))]
    for t in barrier_threads:
        t.start()
    for t in barrier_threads:
        t.join()
    assert errors == []
    keys = push.keys()
    assert len(keys) == len(set(keys)), "a reminder went twice to one subscription"
    # 40 people x 10 rules, each due once in 12:00-12:09 UTC (whole-hour offsets, and
    # every rule fires at minute :00-:09 of every local hour), 2 subscriptions each.
    assert len(keys) == 40 * 10 * 2
    assert len({m.options.topic for m in push.sent}) == 400  # one topic per rule


@pytest.mark.postgresql_only
def test_two_schedulers_evaluate_each_person_once_a_night(app, second_app, make_person):
    from sqlalchemy import func, select

    from server.alerts.models import AlertEvent
    from server.extensions import db
    from server.scheduler import nightly

    people = [make_person("UTC") for _ in range(30)]
    calls = []
    lock = threading.Lock()

    def series(user_id, now):
        with lock:
            calls.append(user_id)
        time.sleep(0.01)
        today = now.date()
        return [{"date": today, "acwr": 2.0, "nsaid_days_14": 0}]

    now = utc(2026, 6, 3, 3, 0)
    threads = [threading.Thread(target=nightly, args=(a, now), kwargs={"series_for": series, "recompute": lambda *_: None})
               for a in (app, second_app)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(calls) == sorted(people)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AlertEvent)) == len(people)
