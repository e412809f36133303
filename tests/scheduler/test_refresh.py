"""The refresh job: a sync that adds check-ins gets its analysis and alerts within a minute."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from server.alerts.models import AlertEvent
from server.extensions import db
from server.insights.models import InsightResult
from server.scheduler import refresh
from tests.conftest import new_id


def sync_days(client, headers, days, now, **fields):
    changes = [{"type": "checkin", "id": new_id(), "updated_at": now.isoformat(), "deleted": False,
                "data": {"at": (now - timedelta(days=d)).isoformat(), "pain": 4, **fields}}
               for d in range(days, 0, -1)]
    response = client.post("/api/sync", headers=headers,
                           json={"device_id": "phone", "cursor": 0, "changes": changes})
    assert response.status_code == 200 and not response.get_json()["rejected"]


def stored(app):
    with app.app_context():
        return {r.user_id: r.data_seq for r in db.session.scalars(select(InsightResult))}


def test_new_checkins_are_analysed_once_then_left_alone(app, client, auth_headers, other_headers):
    now = datetime.now(timezone.utc)
    sync_days(client, auth_headers, 20, now)
    first = refresh(app, now)
    assert first["recomputed"] == 1 and len(stored(app)) == 1
    assert refresh(app, now)["recomputed"] == 0  # nothing new: nothing recomputed
    sync_days(client, other_headers, 5, now)
    sync_days(client, auth_headers, 1, now + timedelta(hours=1))
    assert refresh(app, now)["recomputed"] == 2


def test_frequent_nsaids_alert_after_the_sync_not_only_at_night(app, client, auth_headers):
    now = datetime.now(timezone.utc)
    sync_days(client, auth_headers, 20, now, nsaid_doses=2)
    result = refresh(app, now)
    assert result["evaluated"] == 1
    with app.app_context():
        rules = set(db.session.scalars(select(AlertEvent.rule)))
    assert "nsaid_days" in rules, rules
    refresh(app, now)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(AlertEvent)) == len(rules)
