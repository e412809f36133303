"""The daily series the alert rules read, taken from the analysis engine's results.

``server.analysis.engine.analyse`` returns ``signals`` (one SignalDay per local day:
date, load, acwr, short_night, nsaid_days_14, forecast_risk) and a ``forecast`` whose
``quality["beats_baseline"]`` says whether the forecast does better than a baseline for
this person. This module renames those into ``server.alerts.rules.Day`` fields.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from server.common.time import local_date
from server.extensions import db

log = logging.getLogger(__name__)
HISTORY_DAYS = 120


def series_from_analysis(analysis) -> list[dict]:
    """Alert input rows from an Analysis (duck-typed, so tests can pass a stand-in).

    ``forecast_beats_baseline`` belongs to the current model, so only the last day has it;
    ``forecast_risk`` of the last day is the current forecast's risk.
    """
    signals = [s.to_dict() if hasattr(s, "to_dict") else dict(s) for s in analysis.signals]
    rows = [{"date": _date(s["date"]), "load": s.get("load"), "acwr": s.get("acwr"),
             "short_or_broken_night": s.get("short_night"), "nsaid_days_14": s.get("nsaid_days_14"),
             "forecast_risk": s.get("forecast_risk"), "forecast_beats_baseline": None} for s in signals]
    if rows:
        quality = getattr(analysis.forecast, "quality", None) or {}
        rows[-1]["forecast_beats_baseline"] = quality.get("beats_baseline")
        risk = getattr(analysis.forecast, "risk", None)
        if risk is not None:
            rows[-1]["forecast_risk"] = risk
    return rows


def _date(value):
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(value)


def daily_series(user_id: int, now: datetime) -> list[dict]:
    """Run the analysis over the person's recent check-ins; [] when it is unavailable."""
    from server.accounts.models import User
    from server.checkins.service import checkin_records

    try:
        from server.analysis.engine import analyse
    except ImportError:  # the analysis engine not merged yet: no data, so no alerts
        log.warning("server.analysis is not available; alerts are not evaluated")
        return []
    zone = db.session.get(User, user_id).timezone or "UTC"
    today = local_date(now, zone)
    checkins = checkin_records(user_id, today - timedelta(days=HISTORY_DAYS), today)
    if not checkins:
        return []
    return series_from_analysis(analyse(checkins, zone, today))


def recompute_for(user_id: int, now: datetime) -> None:
    """Refresh the person's cached insights when the insights service offers it."""
    try:
        from server.insights import service
    except ImportError:
        return
    recompute = getattr(service, "recompute_user", None)
    if recompute is not None:
        recompute(user_id, now)
