"""Reads of a person's practice records, and the pacing figures built from check-ins."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from server.checkins.service import checkin_records
from server.common.time import today_in
from server.practices import pacing
from server.practices.models import PacingPlan
from server.protocol.service import live_records


def daily_sums(user_id: int, field: str, start: date, end: date) -> dict[date, float]:
    """Per local day with a check-in that logged `field`: the day's sum of it."""
    out: dict[date, float] = {}
    for record in checkin_records(user_id, start, end):
        if field in record:
            out[record["local_date"]] = out.get(record["local_date"], 0) + record[field]
    return out


def pacing_summary(user, now: datetime) -> dict:
    """Proposed baseline, the saved plan with today's budget, and the boom check for today so far."""
    today = today_in(user.timezone, now)
    daily = daily_sums(user.id, "activity_minutes", today - timedelta(days=365), today)
    history = {d: m for d, m in daily.items() if d < today}
    minutes_today = daily.get(today, 0)
    plans = live_records(PacingPlan, user.id)
    plan = plans[0][1] if plans else None
    budget = None
    if plan:
        budget = pacing.budget_on(plan["baseline"], date.fromisoformat(plan["start"]), today,
                                  plan["weekly_increase"], plan["hold"])
    boom = pacing.boom_check(history, today, minutes_today)
    return {
        "date": today, "tolerance": pacing.current_tolerance(history, today),
        "proposed_baseline": pacing.proposed_baseline(history, today),
        "plan": plan, "budget_today": budget, "minutes_today": minutes_today,
        "rest_break_after": pacing.rest_break_after(budget) if budget else None,
        "boom": {"boom": boom.boom, "above_longest": boom.above_longest, "ratio": boom.ratio,
                 "longest": boom.longest, "message": boom.message},
        "figures": pacing.figures(),
    }
