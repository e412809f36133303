"""Protocol reads for a person: doses due on a day, health conditions and safety findings."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from sqlalchemy import select

from server.checkins.service import checkin_records
from server.extensions import db
from server.protocol.models import HealthConditions, ProtocolItem
from server.protocol.safety import TABLE, dose_today, findings_added, is_active, safety_findings

# Enough check-in days for every rule: the medicines window and the NSAID-frequency window.
LOOKBACK_DAYS = max([TABLE["checkin_days"]] + [r.get("window_days", 0) for r in TABLE["rules"]])


def live_records(model, user_id: int) -> list[tuple[str, dict]]:
    """(id, data) of the owner's live synced JSON records of one type, newest write first."""
    query = (
        select(model.id, model.data)
        .where(model.user_id == user_id, model.deleted.is_(False))
        .order_by(model.updated_at.desc())
    )
    return [(row.id, row.data) for row in db.session.execute(query)]


def doses_on(user_id: int, on: date) -> list[dict]:
    """One row per active item and time of day on `on`, with the (titrated) dose, by time."""
    rows = []
    for item_id, data in live_records(ProtocolItem, user_id):
        if not is_active(data, on):
            continue
        for time in data.get("times") or [None]:
            rows.append(
                {
                    "item_id": item_id,
                    "name": data["name"],
                    "time": time,
                    "dose": dose_today(data, on),
                    "unit": data.get("unit"),
                    "titrated": bool(data.get("titration")),
                }
            )
    return sorted(rows, key=lambda r: (r["time"] or "", r["name"]))


def conditions_of(user_id: int) -> list[str]:
    """The conditions in the person's newest health-conditions record ([] without one)."""
    records = live_records(HealthConditions, user_id)
    return list(records[0][1]["conditions"]) if records else []


def recent_checkins(user_id: int, today: date) -> list[dict]:
    """The check-in facts the rules read, {date, medications, nsaid_doses}, for LOOKBACK_DAYS."""
    return [
        {
            "date": r["local_date"],
            "medications": r.get("medications") or [],
            "nsaid_doses": r.get("nsaid_doses") or 0,
        }
        for r in checkin_records(user_id, today - timedelta(days=LOOKBACK_DAYS - 1), today)
    ]


def findings_for(user_id: int, today: date) -> list[dict]:
    """The safety findings for the person's live protocol, recent check-ins and conditions."""
    items = live_records(ProtocolItem, user_id)
    found = safety_findings(items, recent_checkins(user_id, today), conditions_of(user_id), today)
    return [asdict(f) for f in found]


def findings_if_added(user_id: int, today: date, item_id: str, data: dict) -> list[dict]:
    """The findings that adding this item (or changing the item with this id) would bring."""
    items = live_records(ProtocolItem, user_id)
    checkins, conditions = recent_checkins(user_id, today), conditions_of(user_id)
    before = safety_findings(items, checkins, conditions, today)
    after = safety_findings(
        [(i, d) for i, d in items if i != item_id] + [(item_id, data)], checkins, conditions, today
    )
    return [asdict(f) for f in findings_added(before, after, item_id)]
