"""Fixtures for scheduler tests: a fake push gateway, people in zones, and rules."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from server import create_app
from server.extensions import db
from server.reminders.service import Outcome


class Series:
    """A person's daily series by day, editable per test: acwr per day, default calm."""

    def __init__(self):
        self.acwr: dict[date, float] = {}
        self.nsaid: dict[date, int] = {}
        self.risk = 0.1
        self.calls = 0

    def __call__(self, user_id, now):
        self.calls += 1
        today = now.date()
        return [{"date": today - timedelta(days=i), "load": 30.0, "acwr": self.acwr.get(today - timedelta(days=i), 1.0),
                 "short_or_broken_night": False, "nsaid_days_14": self.nsaid.get(today - timedelta(days=i), 0),
                 "forecast_risk": self.risk, "forecast_beats_baseline": True} for i in range(29, -1, -1)]


class FakePush:
    """Stands in for server.push: records every message, answers per subscription.

    ``answers`` maps a subscription id to a status ("sent", "gone", "retry", "failed")
    or to a list of statuses used one per send; ("retry", 45) is a retry with Retry-After: 45.
    """

    def __init__(self, subs: dict[int, list[str]] | None = None, answers: dict | None = None):
        self.subs = subs or {}
        self.answers = answers or {}
        self.sent: list = []
        self.forgotten: list[str] = []
        self.lock = threading.Lock()
        self.crash_after_send = False

    def subscriptions(self, user_ids):
        return {u: [s for s in self.subs.get(u, []) if s not in self.forgotten] for u in user_ids}

    def deliver(self, messages, now=None):
        out = {}
        for m in messages:
            with self.lock:
                self.sent.append(m)
            answer = self._answer(m.subscription_id)
            status, retry_after = answer if isinstance(answer, tuple) else (answer, None)
            out[(m.occurrence_id, m.subscription_id)] = Outcome(status, retry_after=retry_after)
        if self.crash_after_send:
            raise Crash("process died after sending, before recording")
        return out

    def _answer(self, sid):
        answer = self.answers.get(sid, "sent")
        if isinstance(answer, list):
            return answer.pop(0) if len(answer) > 1 else answer[0]
        return answer

    def forget(self, subscription_ids):
        self.forgotten.extend(subscription_ids)

    def keys(self):
        return [(m.occurrence_id, m.subscription_id) for m in self.sent]


class Crash(BaseException):
    """A process dying mid-tick: not an Exception, so nothing in the tick swallows it."""


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def other_process(app):
    """other_process(): another app on the test's database, as a second scheduler process has
    one (its own engine, so its own connections and row locks); each is disposed after the test."""
    made = []

    def make():
        other = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "TESTING": True})
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def second_app(other_process):
    """A second scheduler process's app on the same database."""
    return other_process()


@pytest.fixture
def make_person(app):
    """Create a user in ``zone`` and return their id."""
    from server.accounts.models import User

    counter = iter(range(1, 10_000))

    def make(zone="UTC"):
        with app.app_context():
            user = User(email=f"p{next(counter)}@example.org", timezone=zone, password_hash="x")
            db.session.add(user)
            db.session.commit()
            return user.id

    return make


LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def make_rule(app):
    """Create a reminder rule record for a person; returns its id."""
    import uuid

    from server.reminders.models import ReminderRule

    def make(user_id, data, updated_at=LONG_AGO):
        with app.app_context():
            rule = ReminderRule(id=str(uuid.uuid4()), user_id=user_id, data=data,
                                updated_at=updated_at, device_id="test", deleted=False, seq=0)
            db.session.add(rule)
            db.session.commit()
            return rule.id

    return make


@pytest.fixture
def set_quiet(app):
    """Save a person's quiet hours ("00:00"-"00:00" turns them off) and e.g. daily_cap."""
    from server.notifications import settings as notification_settings

    def save(user_id, start, end, **extra):
        with app.app_context():
            notification_settings.stage(user_id, {"quiet_start": start, "quiet_end": end, **extra})
            db.session.commit()

    return save
