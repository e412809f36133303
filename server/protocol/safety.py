"""Safety checks on a person's protocol and check-ins, stated in plain words.

Pure functions over plain dicts: protocol items as stored in `protocol_item.data`
and a per-day NSAID count built from check-ins. Each check returns Findings; none
changes anything — the person and their clinician decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Mapping

from server.protocol.titration import TitrationPlan, dose_on

B6_LIMIT_MG = 100
NSAID_WINDOW_DAYS = 14
NSAID_MIN_LOGGED_DAYS = 7
_B6_NAME = re.compile(r"\b(b6|p5p|pyridox\w*|pyridoxal)\b", re.IGNORECASE)
_TO_MG = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001}


@dataclass(frozen=True)
class Finding:
    kind: str  # "b6_high" | "nsaid_most_days" | "prescriber_missing"
    severity: str  # "caution" | "note"
    message: str
    source: str = ""
    item_ids: list[str] = field(default_factory=list)


def is_active(item: Mapping, on: date) -> bool:
    """True when the item's start/stop dates (ISO strings, either may be missing) include `on`."""
    start, stop = item.get("start"), item.get("stop")
    if start and date.fromisoformat(start) > on:
        return False
    return not (stop and date.fromisoformat(stop) < on)


def dose_today(item: Mapping, on: date) -> float | None:
    """One dose of the item on `on`: from its titration plan if it has one, else its dose."""
    plan = item.get("titration")
    if plan and item.get("start"):
        return dose_on(TitrationPlan.from_dict(plan), date.fromisoformat(item["start"]), on)
    return item.get("dose")


def daily_mg(item: Mapping, on: date) -> float | None:
    """Milligrams per day (one dose x number of times), or None when the unit is not a mass."""
    dose, factor = dose_today(item, on), _TO_MG.get((item.get("unit") or "").strip())
    if dose is None or factor is None:
        return None
    return dose * factor * max(1, len(item.get("times") or []))


def b6_findings(items: Iterable[tuple[str, Mapping]], on: date) -> list[Finding]:
    """Warn when active items named B6/P5P/pyridoxine add up to more than 100 mg a day."""
    hits = [(i, daily_mg(d, on) or 0.0) for i, d in items
            if is_active(d, on) and _B6_NAME.search(d.get("name", ""))]
    total = sum(mg for _, mg in hits)
    if total <= B6_LIMIT_MG:
        return []
    return [Finding("b6_high", "caution",
                    f"Your protocol adds up to {total:g} mg of vitamin B6 a day. More than "
                    f"{B6_LIMIT_MG} mg a day over the long term can damage nerves (neuropathy). "
                    "Please check this with your clinician.",
                    source="W. Le, PA-C, \"Chronic Pain: Rewiring the Pain System\"",
                    item_ids=[i for i, _ in hits])]


def nsaid_findings(nsaid_by_day: Mapping[date, int], today: date,
                   window: int = NSAID_WINDOW_DAYS) -> list[Finding]:
    """Note NSAIDs taken on most days: more than half of the days checked in within `window`.

    `nsaid_by_day` holds one entry per local day with at least one check-in. With fewer
    than 7 such days there is not enough to say, so nothing is reported.
    """
    first = today - timedelta(days=window - 1)
    days = {d: n for d, n in nsaid_by_day.items() if first <= d <= today}
    taken = sum(1 for n in days.values() if (n or 0) > 0)
    if len(days) < NSAID_MIN_LOGGED_DAYS or taken * 2 <= len(days):
        return []
    return [Finding("nsaid_most_days", "caution",
                    f"You took NSAIDs (such as ibuprofen or naproxen) on {taken} of the {len(days)} "
                    f"days you checked in over the last {window} days. Long-term or frequent use may "
                    "worsen inflammation across the body. Worth talking it over with your clinician.",
                    source="Analgesia, \"How inflammation sustains chronic pain\" (2026)")]


def prescriber_findings(items: Iterable[tuple[str, Mapping]], on: date) -> list[Finding]:
    """Note each active prescription item that has no prescriber written down."""
    return [Finding("prescriber_missing", "note",
                    f"{d.get('name', 'This item')} is a prescription medicine but no prescriber is "
                    "noted. Add who prescribed it, so you know who to ask about changes.",
                    item_ids=[i])
            for i, d in items
            if d.get("prescription") and not (d.get("prescriber") or "").strip() and is_active(d, on)]


def safety_findings(items: Iterable[tuple[str, Mapping]], nsaid_by_day: Mapping[date, int],
                    today: date) -> list[Finding]:
    """All checks for one person on `today`; items are (id, data) pairs."""
    items = list(items)
    return (b6_findings(items, today) + nsaid_findings(nsaid_by_day, today)
            + prescriber_findings(items, today))
