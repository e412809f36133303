"""Reminder rules through sync, snooze/done actions, and the alert routes."""

from datetime import UTC, date, datetime, timedelta, timezone

from server.alerts.warnings import Crossing, Sign, explanation_parts, plain_text
from server.extensions import db
from tests.conftest import new_id, register

NOW = datetime.now(UTC)


def sync(client, headers, changes, cursor=0, device="phone"):
    response = client.post("/api/sync", headers=headers,
                           json={"device_id": device, "cursor": cursor, "changes": changes})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def rule_change(data, record_id=None, deleted=False, seconds=0):
    return {"type": "reminder_rule", "id": record_id or new_id(),
            "updated_at": (NOW + timedelta(seconds=seconds)).isoformat(), "deleted": deleted,
            "data": None if deleted else data}


def test_reminder_rules_sync_and_reach_other_devices(client, auth_headers):
    rule = rule_change({"kind": "breathing", "times": ["19:00", "08:00"], "weekdays": [1, 3, 5]})
    result = sync(client, auth_headers, [rule])
    assert result["applied"] == [rule["id"]] and result["rejected"] == []
    other = sync(client, auth_headers, [], device="laptop")
    [got] = [c for c in other["changes"] if c["type"] == "reminder_rule"]
    assert got["data"]["times"] == ["08:00", "19:00"]  # tidied on arrival
    listed = client.get("/api/reminders/rules", headers=auth_headers).get_json()
    assert [r["id"] for r in listed] == [rule["id"]]


def test_invalid_rules_are_rejected_with_field_errors(client, auth_headers):
    bad = [rule_change({"kind": "breathing", "times": ["25:00"]}),
           rule_change({"kind": "bedtime", "minutes_before": 30}),
           rule_change({"kind": "nap", "times": ["13:00"]}),
           rule_change({"kind": "checkin", "times": ["20:00"], "dose_mg": 400})]
    result = sync(client, auth_headers, bad)
    assert result["applied"] == []
    errors = {r["id"]: r["errors"] for r in result["rejected"]}
    assert "data.times.0" in errors[bad[0]["id"]]
    assert "data.bedtime" in errors[bad[1]["id"]]
    assert "data.kind" in errors[bad[2]["id"]]
    assert "data.dose_mg" in errors[bad[3]["id"]]


def test_deleted_rule_disappears_from_the_list(client, auth_headers):
    rule = rule_change({"kind": "checkin", "times": ["20:00"]})
    version = sync(client, auth_headers, [rule])["versions"][rule["id"]]
    sync(client, auth_headers, [{**rule_change(None, record_id=rule["id"], deleted=True, seconds=5),
                                 "base_version": version}])
    assert client.get("/api/reminders/rules", headers=auth_headers).get_json() == []


def test_reminder_action_syncs_and_is_stored_as_json(client, auth_headers, app):
    from server.reminders.models import ReminderAction

    action = {"type": "reminder_action", "id": new_id(), "updated_at": NOW.isoformat(), "deleted": False,
              "data": {"occurrence_id": new_id(), "action": "snooze", "at": "2026-06-03T00:02:00+00:00"}}
    assert sync(client, auth_headers, [action])["applied"] == [action["id"]]
    assert sync(client, auth_headers, [action])["applied"] == [action["id"]]  # a replay is harmless
    with app.app_context():
        stored = db.session.get(ReminderAction, action["id"])
        assert stored.data["action"] == "snooze" and stored.processed_at is None


def test_alert_settings_default_then_partial_update(client, auth_headers):
    got = client.get("/api/alerts/settings", headers=auth_headers).get_json()
    assert got["enabled"]["acwr_spike"] is True and got["thresholds"]["acwr"] == 1.5
    assert (got["quiet_start"], got["quiet_end"], got["daily_cap"]) == ("22:00", "07:00", 2)
    put = client.put("/api/alerts/settings", headers=auth_headers,
                     json={"enabled": {"nsaid_days": False}, "thresholds": {"forecast_risk": 0.7}, "quiet_end": "08:30"})
    assert put.status_code == 200, put.get_json()
    body = put.get_json()
    assert body["enabled"]["nsaid_days"] is False and body["enabled"]["acwr_spike"] is True
    assert body["thresholds"]["forecast_risk"] == 0.7 and body["quiet_end"] == "08:30"
    assert client.get("/api/alerts/settings", headers=auth_headers).get_json() == body


def test_alert_settings_refuse_bad_values_in_the_error_shape(client, auth_headers):
    response = client.put("/api/alerts/settings", headers=auth_headers,
                          json={"quiet_start": "7pm", "thresholds": {"acwr": 0.2}, "daily_cap": 99, "volume": 3})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert {"quiet_start", "daily_cap", "volume"} <= set(errors) and any(k.startswith("thresholds") for k in errors)


def test_alert_routes_need_a_login_and_are_per_person(client, auth_headers, other_headers):
    assert client.get("/api/alerts").status_code == 401
    assert client.get("/api/alerts/settings").status_code == 401
    client.put("/api/alerts/settings", headers=auth_headers, json={"daily_cap": 5})
    assert client.get("/api/alerts/settings", headers=other_headers).get_json()["daily_cap"] == 2
    assert client.get("/api/alerts", headers=other_headers).get_json() == {"events": []}


def test_export_and_delete_cover_reminders_occurrences_deliveries_and_alerts(app, client, auth_headers, user):
    from sqlalchemy import func, select

    from server.alerts.models import AlertEvent, AlertSettings, AlertState
    from server.notifications.models import NotificationSettings
    from server.reminders.models import Delivery, ReminderOccurrence, ReminderRule
    from server.scheduler import nightly, tick
    from tests.scheduler.conftest import FakePush

    sync(client, auth_headers, [rule_change({"kind": "checkin", "times": ["20:00"]})])
    with app.app_context():  # the rule arrived "now"; let it count from long ago
        db.session.execute(ReminderRule.__table__.update().values(updated_at=datetime(2026, 1, 1, tzinfo=UTC)))
        db.session.commit()
    client.put("/api/alerts/settings", headers=auth_headers, json={"quiet_end": "06:30"})
    tick(app, datetime(2026, 6, 3, 19, 0, tzinfo=UTC), push=FakePush({user.id: ["s1"]}))
    nightly(app, datetime(2026, 6, 3, 3, 0, tzinfo=UTC), recompute=lambda *_: None,
            series_for=lambda uid, now: [{"date": now.date(), "acwr": 2.0}])
    export = client.get("/api/account/export", headers=auth_headers).get_json()
    for table in ("reminder_rules", "reminder_occurrences", "reminder_deliveries", "alert_events", "alert_settings",
                  "notification_settings"):
        assert export["data"].get(table), table
    assert client.delete("/api/account", headers=auth_headers).status_code == 204
    with app.app_context():
        for model in (ReminderRule, ReminderOccurrence, Delivery, AlertEvent, AlertState, AlertSettings,
                      NotificationSettings):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0, model.__name__


def _personal_alert(user_id, id, sent, day, about, parts=None, explanation=None):
    """A personal heads-up stored as the scheduler stores it: "tomorrow" of the day it was sent."""
    from server.alerts.models import AlertEvent

    details = {"kind": "personal", **({"explanation": parts} if parts else {})}
    return AlertEvent(id=id, user_id=user_id, rule="w:busy", day=day, created_at=sent,
                      title="Heads-up: pain likely higher tomorrow",
                      explanation=explanation or plain_text(parts), target_from=about, target_to=about,
                      details=details)


BUSY = Sign("w:busy", "lagged", ("activity_minutes",), ({"factor": "activity_minutes", "op": ">", "value": 51.0},),
            "pain", 1, 1, 0.9, 0.2, 1.5, 99,
            "After days with more than 51 minutes of activity, your pain the next day averaged 0.9 points higher.",
            "activity")


def test_alerts_read_later_say_the_days_as_the_app_does_in_the_persons_zone(app, client, monkeypatch):
    """GET /api/alerts returned the stored title and text: "pain likely higher tomorrow" of the
    day it was sent, read days later. Read at 02:00 UTC on 3 Dec by someone in Los Angeles
    (still 2 Dec there): the alert sent on 1 Dec is about today; the one sent on 29 Nov (an
    older stored text, no parts) speaks of 30 Nov by its date. UTC's date would say
    "yesterday" for the first."""
    from server.accounts.models import User

    headers = register(client, "la@example.org", zone="America/Los_Angeles")
    now = datetime(2026, 12, 3, 2, 0, tzinfo=timezone.utc)
    monkeypatch.setattr("server.alerts.routes.utcnow", lambda: now)
    with app.app_context():
        uid = db.session.query(User).filter_by(email="la@example.org").one().id
        parts = explanation_parts(Crossing(BUSY, date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 2)))
        db.session.add(_personal_alert(uid, "new00000", datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc),
                                       date(2026, 12, 1), date(2026, 12, 2), parts=parts))
        db.session.add(_personal_alert(uid, "old00000", datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc),
                                       date(2026, 11, 29), date(2026, 11, 30), explanation=(
            "From your own data: After days with more than 51 minutes of activity, your pain the next day "
            "averaged 0.9 points higher. Today was such a day, so pain is likely to be higher tomorrow "
            "(pain about 0.9 points higher on the 0–10 scale, probably between 0.2 and 1.5; the pattern "
            "rests on 99 days).")))
        db.session.commit()
    events = {e["id"]: e for e in client.get("/api/alerts", headers=headers).get_json()["events"]}
    new, old = events["new00000"], events["old00000"]
    assert new["title"] == "Heads-up: pain likely higher today"
    assert "Yesterday you had such a day, so pain is likely to be higher today (" in new["explanation"]
    assert old["title"] == "Heads-up: pain likely higher on Mon 30 Nov"
    assert "On Sun 29 Nov you had such a day, so pain is likely to be higher on Mon 30 Nov (" in old["explanation"]
    assert not any(w in old["explanation"].lower() for w in ("today", "tomorrow")), old["explanation"]
    # A day further on it reads as the days it names, never "in -1 days".
    monkeypatch.setattr("server.alerts.routes.utcnow", lambda: now + timedelta(days=1))
    new = client.get("/api/alerts", headers=headers).get_json()["events"][0]
    assert new["title"] == "Heads-up: pain likely higher on Wed 2 Dec"
    assert "On Tue 1 Dec you had such a day, so pain is likely to be higher on Wed 2 Dec (" in new["explanation"]


def test_a_new_accounts_signs_say_how_many_days_the_patterns_still_need(client, auth_headers):
    """An empty list of warning signs on day 3 says why: the patterns need more days (the
    number Insights gives), not that patterns were found and fell short."""
    for back in (2, 1, 0):
        at = (datetime.now(UTC) - timedelta(days=back, minutes=1)).isoformat()
        made = client.post("/api/checkins", json={"id": new_id(), "at": at, "pain": 5}, headers=auth_headers)
        assert made.status_code == 201
    signs = client.get("/api/alerts/signs", headers=auth_headers).get_json()
    overview = client.get("/api/insights/overview", headers=auth_headers).get_json()
    assert signs["signs"] == []
    assert signs["days_needed"] == overview["days_needed"] > 0
