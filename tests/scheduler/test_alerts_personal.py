"""Personal warning signs end to end (issue 19): generated people sync through the API, the
refresh job evaluates, the tick sends; nothing here fakes the analysis.

Each person is made by tests/scheduler/warning_patients.py with its own seed and effect size;
they log daily, and one every other day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import select

from server.alerts import personal
from server.alerts.models import AlertEvent
from server.extensions import db
from server.scheduler import refresh, tick
from tests.conftest import new_id, register
from tests.scheduler.conftest import FakePush
from tests.scheduler.warning_patients import Plan, checkin, generate, history

START = date(2026, 3, 1)
ACTIVITY_FAMILY = {"activity_minutes", "activity_effort", "acwr", "activity_spike"}


class Account:
    """A generated person with an account: sync their days, run the jobs at their local time."""

    def __init__(self, app, client, plan: Plan, email: str):
        self.app, self.client, self.plan = app, client, plan
        self.person = generate(plan, START)
        self.headers = register(client, email, zone=plan.zone)
        self.rng = np.random.default_rng(plan.seed + 99)
        with app.app_context():
            from server.accounts.models import User

            self.user_id = db.session.scalar(select(User.id).where(User.email == email))

    def local(self, i: int, hour: int, minute: int = 0, utc: bool = True) -> datetime:
        at = datetime.combine(self.person.day(i), time(hour, minute), tzinfo=ZoneInfo(self.plan.zone))
        return at.astimezone(UTC) if utc else at

    def sync(self, records: list[dict]) -> None:
        for start in range(0, len(records), 500):
            changes = [{"type": "checkin", "id": new_id(), "updated_at": r["at"], "deleted": False, "data": r}
                       for r in records[start:start + 500]]
            response = self.client.post("/api/sync", headers=self.headers,
                                        json={"device_id": "phone", "cursor": 0, "changes": changes})
            assert response.status_code == 200 and not response.get_json()["rejected"]

    def evening(self, i: int, hour: int = 20, **fields) -> dict:
        """Sync day ``i``'s evening check-in (fields override the generated ones), run refresh."""
        record = checkin(self.person, i, self.rng, **fields)
        record["at"] = self.local(i, hour, 30, utc=False).isoformat()  # local offset: local date
        self.sync([record])
        return refresh(self.app, self.local(i, hour, 31))

    def warnings(self) -> list:
        with self.app.app_context():
            return db.session.execute(
                select(AlertEvent.day, AlertEvent.target_from, AlertEvent.target_to, AlertEvent.title, AlertEvent.explanation,
                       AlertEvent.details, AlertEvent.id)
                .where(AlertEvent.user_id == self.user_id, AlertEvent.rule.like("w:%"))
                .order_by(AlertEvent.day)).all()

    def signs(self) -> list[dict]:
        response = self.client.get("/api/alerts/signs", headers=self.headers)
        assert response.status_code == 200
        return response.get_json()["signs"]


def planted(app, client, plan: Plan, email="walker@example.org", calm_tail=3) -> Account:
    """An account with ``plan.days`` days of history (the last ``calm_tail`` quiet), analysed."""
    account = Account(app, client, plan, email)
    for i in range(plan.days - calm_tail, plan.days):
        account.person.activity[i] = 15  # nothing crossing just before the test's days
    account.sync(history(account.person, plan.days))
    refresh(app, account.local(plan.days - 1, 21))
    return account


def test_crossing_a_planted_threshold_warns_once_for_the_right_day(app, client):
    plan = Plan(seed=31, effect=1.8, cut=65.0, days=170)
    account = planted(app, client, plan)
    signs = account.signs()
    assert signs, "the planted threshold should have become a warning sign"
    assert {f for s in signs for f in s["factors"]} <= ACTIVITY_FAMILY  # null factors never do
    assert all(s["status"] == "watching" for s in signs)
    planted_sign = next(s for s in signs if s["factors"] == ["activity_minutes"] and s["kind"] == "threshold")
    assert planted_sign["lag_days"] == 2 and planted_sign["days_seen"] > 100
    assert account.warnings() == []  # nothing crossed yet

    today = plan.days
    account.evening(today, activity_minutes=int(plan.cut) + 45)
    [warning] = account.warnings()
    assert warning.day == account.person.day(today)
    # Activity's other views (the week's ratio) may speak of tomorrow; the planted one of the
    # day after: one alert covers both days, naming the planted sign.
    assert warning.target_from <= account.person.day(today + 2) == warning.target_to
    assert planted_sign["key"] in warning.details["signs"]
    assert ("the day after tomorrow" if warning.target_from == warning.target_to else "next two days") in warning.title
    assert warning.explanation.startswith("From your own data: ")
    assert warning.details["suggestion"]["text"] and warning.details["suggestion"]["practice"]["href"]

    push = FakePush({account.user_id: ["phone"]})
    tick(app, account.local(today, 20, 32), push=push)
    [message] = push.sent
    shown = f"{message.payload['title']} {message.payload['body']}"
    assert not any(ch.isdigit() for ch in shown)
    assert not {"activity", "minutes", "pain", "points"} & set(shown.lower().replace(".", " ").split())
    assert message.payload["alert_id"] == warning.id


def test_re_arm_needs_a_finished_day_below_and_a_gap_never_re_arms(app, client):
    plan = Plan(seed=47, effect=2.2, cut=75.0, days=160)
    account = planted(app, client, plan, email="rearm@example.org")
    assert account.signs()
    high, low = int(plan.cut) + 50, 10
    day = plan.days
    account.evening(day, activity_minutes=high)          # crossing: warns
    account.evening(day + 1, activity_minutes=high)      # still above: the same crossing
    account.evening(day + 3, activity_minutes=high)      # every other day: the gap does not re-arm
    account.evening(day + 5, activity_minutes=low)       # a finished day below re-arms
    account.evening(day + 7, activity_minutes=high)      # a new crossing: warns again
    assert [w.day for w in account.warnings()] == [account.person.day(day), account.person.day(day + 7)]


def test_a_crossing_late_in_the_evening_waits_for_quiet_hours_to_end(app, client):
    plan = Plan(seed=53, effect=2.0, cut=60.0, days=165, zone="America/Chicago")
    account = planted(app, client, plan, email="night@example.org")
    today = plan.days
    account.evening(today, hour=22, activity_minutes=int(plan.cut) + 60)  # quiet hours from 22:00
    push = FakePush({account.user_id: ["phone"]})
    for minute in range(1, 8 * 60, 30):
        tick(app, account.local(today, 22, 31) + timedelta(minutes=minute), push=push)
    assert push.sent == []
    tick(app, account.local(today + 1, 7, 0), push=push)
    assert len(push.sent) == 1


def test_a_null_factor_crossing_never_warns(app, client):
    plan = Plan(seed=61, effect=1.6, cut=70.0, days=170)
    account = planted(app, client, plan, email="tea@example.org")
    assert {f for s in account.signs() for f in s["factors"]} <= ACTIVITY_FAMILY
    # Far outside their usual on every null factor, activity quiet: nothing may warn.
    account.evening(plan.days, activity_minutes=10, stress=10, sleep_hours=3.5, custom={"tea_cups": 25})
    assert account.warnings() == []


def test_a_person_with_nothing_planted_gets_no_warning_in_a_year(app, client):
    # One null person, analysed weekly for a year. Not a promise for everyone: over 52 weekly
    # looks a chance pattern shows at some week for about 4 in 10 null people (each look alone
    # stays near its 5 %), and its sign then stays listed as "no longer backed" (docs/analysis.md,
    # "Repeated looks"). Seed 73 became one of those with the one-third notable cut of the pair
    # search (a chance pair at week 15; 12 null people: 4 with a sign under the old search, 6
    # under the new, 60: 26 and 24). This person gets none under either. What this checks is the
    # path from sync to the signs list (no sign from a pattern the analysis did not report, none
    # from a same-day link); the search's own false-discovery rate is checked on hundreds of null
    # people in tests/analysis, not here (this person stays quiet even with FDR_LEVEL at 1).
    plan = Plan(seed=101, planted=False, days=365)
    account = Account(app, client, plan, "null@example.org")
    records = history(account.person, plan.days)
    for week in range(0, plan.days, 7):  # syncs weekly; each sync is analysed and evaluated
        account.sync(records[week:week + 7])
        refresh(app, account.local(min(week + 6, plan.days - 1), 21))
        assert account.signs() == [], f"a sign on pure noise in week {week // 7}"
    assert account.warnings() == []


@pytest.mark.parametrize("kind_or_sign", ["sign", "kind"])
def test_a_muted_sign_or_kind_stays_silent(app, client, kind_or_sign):
    plan = Plan(seed=83, effect=2.0, cut=70.0, days=165)
    account = planted(app, client, plan, email=f"mute-{kind_or_sign}@example.org")
    signs = account.signs()
    assert signs
    if kind_or_sign == "sign":
        for s in signs:
            assert client.put(f"/api/alerts/signs/{s['key']}", headers=account.headers,
                              json={"muted": True}).status_code == 200
    else:
        for kind in {s["kind"] for s in signs}:
            assert client.put(f"/api/alerts/kinds/{kind}", headers=account.headers,
                              json={"muted": True}).status_code == 200
    assert {s["status"] for s in account.signs()} == {"muted"}
    account.evening(plan.days, activity_minutes=int(plan.cut) + 60)
    assert account.warnings() == []


def test_the_list_puts_signs_that_can_warn_first_and_a_mute_moves_nothing():
    """Most useful first (issue 12): the analysis's strongest backed sign on top, signs
    that can no longer warn at the bottom; muting one keeps it where the finger was."""
    def view(key, status, found=1):
        return {"key": key, "status": status, "found_on": date(2026, 6, found)}

    views = [view("old", "retired"), view("gone", "no_longer_backed", 2), view("weak", "watching"),
             view("strong", "muted"), view("gone-earlier", "no_longer_backed", 1)]
    ordered = [v["key"] for v in personal.most_useful_first(views, ["strong", "weak"])]
    assert ordered == ["strong", "weak", "gone", "gone-earlier", "old"]


def test_mute_requests_are_checked(app, client, auth_headers):
    assert client.put("/api/alerts/signs/w:000000000000", headers=auth_headers,
                      json={"muted": True}).status_code == 404
    assert client.put("/api/alerts/kinds/astrology", headers=auth_headers, json={"muted": True}).status_code == 404
    assert client.put("/api/alerts/kinds/lagged", headers=auth_headers, json={"muted": "yes"}).status_code == 422
    assert client.put("/api/alerts/kinds/lagged", headers=auth_headers, json={}).status_code == 422


def test_every_other_day_logging_still_warns_once_for_the_right_days(app, client):
    """Planted at 2 days; every other day, 1 and 3 days after are never observed, so the
    sign watches 1 to 3 days after a crossing (lag_range [1, 3]), never "2 days" alone."""
    plan = Plan(seed=29, effect=2.2, cut=70.0, days=330, every=2)
    account = planted(app, client, plan, email="sparse@example.org", calm_tail=4)
    signs = account.signs()
    assert any(s["factors"] == ["activity_minutes"] and (s["lag_days"], s["window_days"]) == (1, 3)
               and "one to three days later" in s["when"] for s in signs), signs
    assert {f for s in signs for f in s["factors"]} <= ACTIVITY_FAMILY
    day = plan.days
    account.evening(day, activity_minutes=int(plan.cut) + 50)
    account.evening(day + 2, activity_minutes=int(plan.cut) + 50)  # the next logged day: same crossing
    [warning] = account.warnings()
    assert warning.day == account.person.day(day)
    assert (warning.target_from, warning.target_to) == (account.person.day(day + 1),
                                                        account.person.day(day + 3))
