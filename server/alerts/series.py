"""The daily series the alert rules read, taken from the person's analysis payload.

The analysis payload (``server.analysis.Analysis.to_dict()``, stored and kept current by
``server.insights.service``) has ``signals`` (one per local day: date, load, acwr,
short_night, nsaid_days_14, forecast_risk) and ``forecast`` ({risk, quality:
{beats_baseline, ...}}). This module renames those into ``server.alerts.rules.Day`` fields.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from server.accounts.models import User
from server.common.time import local_date
from server.extensions import db
from server.insights.service import current_analysis, recompute_all

log = logging.getLogger(__name__)


def series_from_payload(payload: dict, through: date | None = None) -> list[dict]:
    """Alert input rows from an analysis payload, up to local date ``through`` (inclusive).

    ``forecast_beats_baseline`` belongs to the current model, so only the last row has it;
    the last row's ``forecast_risk`` is the current forecast's risk.
    """
    rows = [{"date": _date(s["date"]), "load": s.get("load"), "acwr": s.get("acwr"),
             "short_or_broken_night": s.get("short_night"), "nsaid_days_14": s.get("nsaid_days_14"),
             "forecast_risk": s.get("forecast_risk"), "forecast_beats_baseline": None}
            for s in payload.get("signals") or []]
    rows = [r for r in rows if through is None or r["date"] <= through]
    forecast = payload.get("forecast") or {}
    if rows:
        rows[-1]["forecast_beats_baseline"] = (forecast.get("quality") or {}).get("beats_baseline")
        if forecast.get("risk") is not None:
            rows[-1]["forecast_risk"] = forecast["risk"]
    return rows


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def daily_series(user_id: int, now: datetime) -> list[dict]:
    """The person's alert series through yesterday (local); [] without an analysis.

    The nightly run happens at 03:00, when today has no check-in yet: counting today
    would make "two days running" need a day that has barely begun. Uses the insights
    cache (recomputed when stale), or runs the engine when insights is not installed.
    """
    user = db.session.get(User, user_id)
    payload = current_analysis(user, now)
    yesterday = local_date(now, user.timezone) - timedelta(days=1)
    return series_from_payload(payload, through=yesterday) if payload else []


def recompute_for(user_id: int, now: datetime) -> None:
    """The nightly analysis for one person: recompute their insights if stale."""
    recompute_all(now, user_ids=[user_id])
