"""Protocol reads for a person: the doses due on a day and the safety findings."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from server.practices.models import ProtocolItem
from server.practices.service import daily_sums, live_records
from server.protocol.safety import dose_today, is_active, safety_findings


def doses_on(user_id: int, on: date) -> list[dict]:
    """One row per active item and time of day on `on`, with the (titrated) dose, by time."""
    rows = []
    for item_id, data in live_records(ProtocolItem, user_id):
        if not is_active(data, on):
            continue
        for time in data.get("times") or [None]:
            rows.append({"item_id": item_id, "name": data["name"], "time": time,
                         "dose": dose_today(data, on), "unit": data.get("unit"),
                         "titrated": bool(data.get("titration"))})
    return sorted(rows, key=lambda r: (r["time"] or "", r["name"]))


def findings_for(user_id: int, today: date) -> list[dict]:
    """The safety checks for the person's live protocol and their last 14 days of NSAIDs."""
    items = live_records(ProtocolItem, user_id)
    nsaids = daily_sums(user_id, "nsaid_doses", today - timedelta(days=13), today)
    # A day checked in without an NSAID field still counts as a day checked in.
    for day in _checkin_days(user_id, today - timedelta(days=13), today):
        nsaids.setdefault(day, 0)
    return [asdict(f) for f in safety_findings(items, nsaids, today)]


def _checkin_days(user_id: int, start: date, end: date) -> set[date]:
    from server.checkins.service import checkin_records

    return {r["local_date"] for r in checkin_records(user_id, start, end)}
