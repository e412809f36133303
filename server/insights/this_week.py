"""The first screen for one person: their analysis, plus the last week's daily values by factor
name, so the takeaway can say which patterns came up this week."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from server.analysis.daily import daily_rows
from server.analysis.load import load_scores
from server.checkins.service import checkin_records
from server.common.time import local_date
from server.insights.overview import overview
from server.insights.service import served_analysis

#: Enough history before the week for the derived factors (the 28-day activity ratio and the
#: 30-day longest day) to mean what they meant when the patterns were found.
HISTORY_DAYS = 45


def recent_days(user, today: date, days: int = 7) -> list[dict]:
    """One dict per day of the last ``days`` (oldest first): factor name -> value, missing left out.

    Factor names are those patterns use: check-in fields, ``custom.<key>``, and the
    derived ``acwr`` and ``activity_spike``.
    """
    start = today - timedelta(days=HISTORY_DAYS + days)
    return recent_values(checkin_records(user.id, start, today), user.timezone, today, days)


def recent_values(checkins: list[dict], zone: str, today: date, days: int = 7) -> list[dict]:
    """``recent_days`` on the given check-ins (pure)."""
    rows = daily_rows(checkins, zone, today)
    if not len(rows):
        return []
    load = load_scores(rows)
    columns = {**rows.columns, "acwr": load.acwr, "activity_spike": load.spike_ratio}
    first = max(0, len(rows) - days)
    return [
        {name: float(values[i]) for name, values in columns.items() if np.isfinite(values[i])}
        for i in range(first, len(rows))
    ]


def overview_for(user, now) -> tuple[dict, bool]:
    """(the body of GET /api/insights/overview, updating) for ``user`` (needs id and timezone)
    at ``now``: built on the stored analysis (insights.service.served_analysis)."""
    payload, updating = served_analysis(user, now)
    today = local_date(now, user.timezone)
    return overview(payload["patterns"], payload["load"], recent_days(user, today), today), updating
