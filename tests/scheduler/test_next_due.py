"""The stored next due instant: the tick reads only due rules, and what a person changes
(the rule, their time zone, their quiet hours) or a daylight-saving change moves the
reminder they get. Rules are written through sync and settings through the API, as the
app does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from server.common.ids import new_id
from server.extensions import db
from server.reminders.models import ReminderOccurrence, ReminderRule
from server.scheduler import tick
from tests.scheduler.conftest import FakePush, utc

EDITED = utc(2026, 1, 1, 12, 0)


def sync_rule(client, headers, data, record_id=None, at=EDITED, version=None):
    change = {"type": "reminder_rule", "id": record_id or new_id(), "updated_at": at.isoformat(),
              "deleted": False, "data": data}
    if version is not None:
        change["base_version"] = version
    response = client.post("/api/sync", headers=headers,
                           json={"device_id": "phone", "cursor": 0, "changes": [change]})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert change["id"] in body["versions"], str(body)
    return change["id"], body


def fire_times(app, push, start, end, step=timedelta(minutes=15)):
    """Tick from start to end; the tick instants at which a notification went out.
    (The first tick looks back for missed reminders: starts are chosen where the last one
    is too old to send.)"""
    fired, now = [], start
    while now < end:
        before = len(push.sent)
        tick(app, now, push=push)
        fired += [now] * (len(push.sent) - before)
        now += step
    return fired


def user_id(app, email="ada@example.org"):
    from server.accounts.models import User

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def next_due(app, rule_id):
    with app.app_context():
        return db.session.get(ReminderRule, rule_id).next_due_at


@pytest.fixture
def quiet_off(client, auth_headers):
    response = client.put("/api/alerts/settings", headers=auth_headers,
                          json={"quiet_start": "00:00", "quiet_end": "00:00"})
    assert response.status_code == 200, response.get_json()


def test_rule_edited_to_a_new_time_fires_at_the_new_time_not_the_old(app, client, auth_headers, quiet_off):
    person = user_id(app)  # Europe/London, GMT in January
    rid, body = sync_rule(client, auth_headers, {"kind": "checkin", "times": ["09:00"]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2027, 1, 10, 6, 0), push=push)
    assert next_due(app, rid) == utc(2027, 1, 10, 9, 0)
    version = body["versions"][rid]
    sync_rule(client, auth_headers, {"kind": "checkin", "times": ["11:30"]}, rid,
              at=EDITED + timedelta(days=1), version=version)
    assert next_due(app, rid) is None  # the edit cleared it
    assert fire_times(app, push, utc(2027, 1, 10, 6, 15), utc(2027, 1, 11, 6, 0)) == [utc(2027, 1, 10, 11, 30)]


def test_time_zone_change_moves_the_next_reminder(app, client, auth_headers, quiet_off):
    person = user_id(app)
    rid, _ = sync_rule(client, auth_headers, {"kind": "checkin", "times": ["09:00"]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2027, 1, 10, 0, 0), push=push)
    assert next_due(app, rid) == utc(2027, 1, 10, 9, 0)
    response = client.patch("/api/account", headers=auth_headers, json={"timezone": "America/New_York"})
    assert response.status_code == 200
    assert next_due(app, rid) is None
    # 09:00 in New York (EST, -5) is 14:00 UTC; nothing at London's 09:00.
    assert fire_times(app, push, utc(2027, 1, 10, 0, 15), utc(2027, 1, 11, 0, 0)) == [utc(2027, 1, 10, 14, 0)]


def test_quiet_hours_change_moves_a_deferred_reminder(app, client, auth_headers):
    person = user_id(app)
    client.put("/api/alerts/settings", headers=auth_headers, json={"quiet_start": "22:00", "quiet_end": "07:00"})
    rid, _ = sync_rule(client, auth_headers, {"kind": "checkin", "times": ["06:00"]})  # deferred to 07:00
    push = FakePush({person: ["s1"]})
    tick(app, utc(2027, 1, 10, 0, 0), push=push)
    assert next_due(app, rid) == utc(2027, 1, 10, 7, 0)
    client.put("/api/alerts/settings", headers=auth_headers, json={"quiet_end": "08:00"})
    assert fire_times(app, push, utc(2027, 1, 10, 0, 15), utc(2027, 1, 11, 0, 0)) == [utc(2027, 1, 10, 8, 0)]


@pytest.mark.parametrize("zone, start, expected", [
    # Europe/London, 2027-03-28: 01:00 GMT -> 02:00 BST. 09:00 local is 09:00 UTC, then 08:00 UTC.
    ("Europe/London", utc(2027, 3, 26, 14, 0),
     [utc(2027, 3, 27, 9, 0), utc(2027, 3, 28, 8, 0), utc(2027, 3, 29, 8, 0)]),
    # Europe/London, 2027-10-31: 02:00 BST -> 01:00 GMT. 09:00 local is 08:00 UTC, then 09:00 UTC.
    ("Europe/London", utc(2027, 10, 29, 14, 0),
     [utc(2027, 10, 30, 8, 0), utc(2027, 10, 31, 9, 0), utc(2027, 11, 1, 9, 0)]),
    # Asia/Kathmandu, +5:45 all year: 09:00 local is 03:15 UTC.
    ("Asia/Kathmandu", utc(2027, 3, 26, 12, 0),
     [utc(2027, 3, 27, 3, 15), utc(2027, 3, 28, 3, 15), utc(2027, 3, 29, 3, 15)]),
    # Pacific/Chatham, 2027-04-04 03:45 +13:45 -> 02:45 +12:45: 09:00 local is 19:15 UTC
    # the day before, then 20:15 UTC.
    ("Pacific/Chatham", utc(2027, 4, 2, 0, 0),
     [utc(2027, 4, 2, 19, 15), utc(2027, 4, 3, 20, 15), utc(2027, 4, 4, 20, 15)]),
])
def test_daylight_saving_and_odd_offsets_fire_at_the_right_local_time(app, client, auth_headers, quiet_off,
                                                                    zone, start, expected):
    assert client.patch("/api/account", headers=auth_headers, json={"timezone": zone}).status_code == 200
    person = user_id(app)
    sync_rule(client, auth_headers, {"kind": "checkin", "times": ["09:00"]})
    push = FakePush({person: ["s1"]})
    assert fire_times(app, push, start, start + timedelta(days=3)) == expected


def test_each_due_time_fires_once_and_the_tick_reads_only_due_rules(app, client, auth_headers, quiet_off,
                                                                   monkeypatch):
    from server.reminders import service

    person = user_id(app)
    rid, _ = sync_rule(client, auth_headers, {"kind": "checkin", "times": ["09:00", "21:00"]})
    push = FakePush({person: ["s1"]})
    read = []
    original = service.due_rules

    def counting(now, *args, **kwargs):
        rows = list(original(now, *args, **kwargs))
        read.append(len(rows))
        return iter(rows)

    monkeypatch.setattr(service, "due_rules", counting)
    fired = fire_times(app, push, utc(2027, 1, 10, 2, 0), utc(2027, 1, 12, 2, 0), step=timedelta(minutes=5))
    assert fired == [utc(2027, 1, 10, 9, 0), utc(2027, 1, 10, 21, 0), utc(2027, 1, 11, 9, 0), utc(2027, 1, 11, 21, 0)]
    with app.app_context():
        keys = db.session.scalars(select(ReminderOccurrence.occurrence_key).where(
            ReminderOccurrence.rule_id == rid, ReminderOccurrence.status != "expired")).all()
    assert sorted(keys) == ["2027-01-10T09:00", "2027-01-10T21:00", "2027-01-11T09:00", "2027-01-11T21:00"]
    # Read on the first tick (not computed yet) and at each due time, not on the other 571 ticks.
    assert sum(read) == 5 and len([n for n in read if n]) == 5


def test_a_backlog_of_uncomputed_rules_is_worked_off_a_bounded_share_per_tick_missing_nothing(
        app, make_person, make_rule, monkeypatch):
    """After the reminder_next_due migration every rule is uncomputed (NULL). A tick takes
    only a bounded share of them, in chunks (here 2 a tick, 1 a chunk), so a big install's
    first tick cannot overrun its minute. A rule left for a later tick still gets the
    reminder that came due meanwhile: late, not lost."""
    from server.reminders import service

    monkeypatch.setattr(service, "UNCOMPUTED_CHUNK", 1)
    monkeypatch.setattr(service, "UNCOMPUTED_PER_TICK", 2)
    people = [make_person("UTC") for _ in range(20)]
    for person in people:
        make_rule(person, {"kind": "checkin", "times": ["09:00"]})
    push = FakePush({person: [f"s{person}"] for person in people})
    chunks = []
    original = service.due_rules

    def recording(now, uncomputed=False, limit=None):
        rows = list(original(now, uncomputed, limit))
        if uncomputed:
            chunks.append(len(rows))
        return iter(rows)

    monkeypatch.setattr(service, "due_rules", recording)

    def uncomputed():
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(ReminderRule)
                                     .where(ReminderRule.next_due_at.is_(None)))

    left, sent_per_tick = [], []
    for minute in range(12):  # 09:00 ... 09:11; the last rules wait 9 minutes
        before = len(push.sent)
        tick(app, utc(2027, 1, 10, 9, minute), push=push)
        left.append(uncomputed())
        sent_per_tick.append(len(push.sent) - before)
    assert left == [18, 16, 14, 12, 10, 8, 6, 4, 2, 0, 0, 0]
    assert max(chunks) == 1 and len(chunks) <= 2 * 12
    # Each person got their 09:00 reminder once, two a minute as their rules were computed.
    assert sorted(m.subscription_id for m in push.sent) == sorted(f"s{p}" for p in people)
    assert sent_per_tick == [2] * 10 + [0, 0]


def test_the_uncomputed_share_of_a_tick_ends_when_its_time_is_spent(app, make_person, make_rule,
                                                                    monkeypatch):
    """Chunks are taken until the tick has spent UNCOMPUTED_SECONDS on them: on a slow
    machine fewer rules a tick, never a tick that overruns its minute."""
    from server.reminders import service

    readings = iter(range(0, 10_000, 8))  # every chunk seems to take 8 s
    monkeypatch.setattr(service, "monotonic", lambda: next(readings))
    monkeypatch.setattr(service, "UNCOMPUTED_CHUNK", 1)
    monkeypatch.setattr(service, "UNCOMPUTED_SECONDS", 20.0)
    person = make_person("UTC")
    for _ in range(10):
        make_rule(person, {"kind": "checkin", "times": ["09:00"]})
    uncomputed = select(func.count()).select_from(ReminderRule).where(ReminderRule.next_due_at.is_(None))
    left = []
    for minute in range(4):
        tick(app, utc(2027, 1, 10, 8, minute), push=FakePush({}))
        with app.app_context():
            left.append(db.session.scalar(uncomputed))
    assert left == [7, 4, 1, 0]  # three chunks a tick: 8 s, 16 s, then 24 s is past 20 s
