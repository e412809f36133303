"""The stored next due instant: the tick reads only due rules, and what a person changes
(the rule, their time zone, their quiet hours) or a daylight-saving change moves the
reminder they get. Rules are written through sync and settings through the API, as the
app does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

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

    def counting(now):
        rows = list(original(now))
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
    assert sum(read) == 5 and len(read) == 2 * 24 * 12
