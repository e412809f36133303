"""Movement pacing (graded activity): baseline, today's budget and boom-day warnings.

Pure functions over daily activity minutes keyed by local date (only days with a
check-in appear). Figures from FACTS.md [H]: start at about 80% of current
tolerance, increase about 10% a week; in ME/CFS (NICE NG206) hold steady instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Mapping

import numpy as np

from server.analysis.load import ACWR_SAFE
from server.analysis.load import acute_chronic_ratio as engine_ratio

BASELINE_SHARE = 0.8
DEFAULT_WEEKLY_INCREASE = 0.10
TOLERANCE_WINDOW_DAYS = 14
BOOM_WINDOW_DAYS = 30
# The ratio is the analysis engine's own (EWMA 7:28 days, Williams et al. 2017, from 21
# logged days), so the warning here and the load score never disagree; above 1.3 counts.
HIGH_RATIO = ACWR_SAFE
MIN_DAYS = 5


def _window(daily: Mapping[date, float], today: date, days: int, include_today=False) -> list[float]:
    end = today if include_today else today - timedelta(days=1)
    first = end - timedelta(days=days - 1)
    return [m for d, m in daily.items() if first <= d <= end]


def current_tolerance(daily: Mapping[date, float], today: date) -> float | None:
    """Median daily activity minutes over the last 14 days before today; None under 5 days.

    The median, not the mean or maximum, so a few boom days do not set the baseline.
    """
    values = _window(daily, today, TOLERANCE_WINDOW_DAYS)
    return median(values) if len(values) >= MIN_DAYS else None


def proposed_baseline(daily: Mapping[date, float], today: date) -> int | None:
    """About 80% of current tolerance, in whole minutes (at least 1); None without data."""
    tol = current_tolerance(daily, today)
    return None if tol is None else max(1, round(tol * BASELINE_SHARE))


def budget_on(baseline: float, start: date, on: date, weekly_increase: float = DEFAULT_WEEKLY_INCREASE,
              hold: bool = False) -> int:
    """Today's activity budget in minutes: the baseline grown by `weekly_increase` per full week.

    `hold` keeps the baseline unchanged (for people whose crashes follow any increase).
    Before `start` the baseline applies.
    """
    weeks = max(0, (on - start).days // 7)
    if hold or weekly_increase <= 0:
        return round(baseline)
    return round(baseline * (1 + weekly_increase) ** weeks)


def longest_recent(daily: Mapping[date, float], today: date, days: int = BOOM_WINDOW_DAYS) -> float | None:
    """The most active day among the `days` days before today, or None."""
    values = _window(daily, today, days)
    return max(values) if values else None


def acute_chronic_ratio(daily: Mapping[date, float], today: date, minutes_today: float = 0) -> float | None:
    """EWMA 7-day over 28-day activity minutes, with today counted as `minutes_today`.

    None before 21 logged days or when the chronic level is under one minute.
    """
    d = dict(daily) | {today: minutes_today}
    first = max(min(d), today - timedelta(days=365))
    days = [first + timedelta(days=i) for i in range((today - first).days + 1)]
    values = np.array([np.nan if d.get(day) is None else d[day] for day in days], dtype=float)
    ratio = float(engine_ratio(values)[-1])
    return None if np.isnan(ratio) else ratio


@dataclass(frozen=True)
class BoomCheck:
    boom: bool
    above_longest: bool
    ratio: float | None
    longest: float | None
    message: str


def boom_check(daily: Mapping[date, float], today: date, minutes_today: float) -> BoomCheck:
    """Warn when today's minutes top the longest of the last 30 days or lift the ratio above 1.3."""
    longest = longest_recent(daily, today)
    ratio = acute_chronic_ratio(daily, today, minutes_today)
    above = longest is not None and minutes_today > longest
    high = ratio is not None and ratio > HIGH_RATIO
    msg = ""
    if above:
        msg = (f"{minutes_today:g} minutes would be more than your most active day of the last 30 "
               f"({longest:g} min). Boom days are often followed by a crash 12–72 hours later.")
    elif high:
        msg = (f"This week is {ratio:.1f}× busier than your last four weeks on average. "
               "Consider a lighter day to let your body catch up.")
    return BoomCheck(above or high, above, ratio, longest, msg)


def rest_break_after(budget: int) -> int:
    """Minutes of continuous effort after which a rest break is suggested: half the budget, 10–30."""
    return min(30, max(10, budget // 2))
