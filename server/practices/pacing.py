"""Movement pacing (graded activity): baseline, today's budget and boom-day warnings.

Pure functions over daily activity minutes keyed by local date (only days with a
check-in appear). The figures live in rules/pacing.json with where each comes from (most
are Emberwise's own choices); the PWA's pacing.js reads the same file and
tests/vectors/pacing.json holds the cases both run.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Mapping

import numpy as np

from server.analysis.load import acute_chronic_ratio as engine_ratio
from server.rules import fill, rule_table

# Every figure is read from RULE when a function runs, never copied into a constant, so the
# file is the one place to change it (tests/unit/practices/test_pacing.py changes RULE and
# sees the answer change). The ratio itself is the analysis engine's (a test holds
# rules/pacing.json to its constants), so this warning and the load score never disagree.
RULE = rule_table("pacing")

# The figures a client shows beside the numbers (GET /api/practices/pacing answers them).
FIGURES = ("baseline_share", "default_weekly_increase", "max_weekly_increase", "tolerance_window_days",
           "min_days", "boom_window_days")


def figures() -> dict:
    """The pacing figures from rules/pacing.json that a person reads beside the numbers."""
    return {name: RULE[name] for name in FIGURES}


def half_up(x: float) -> int:
    """Round to a whole number with halves going up, as JavaScript's Math.round does."""
    return math.floor(x + 0.5)


def _window(daily: Mapping[date, float], today: date, days: int, include_today=False) -> list[float]:
    end = today if include_today else today - timedelta(days=1)
    first = end - timedelta(days=days - 1)
    return [m for d, m in daily.items() if first <= d <= end]


def current_tolerance(daily: Mapping[date, float], today: date) -> float | None:
    """Median daily activity minutes over the tolerance_window_days before today; None under min_days.

    The median, not the mean or maximum, so a few boom days do not set the baseline.
    """
    values = _window(daily, today, RULE["tolerance_window_days"])
    return median(values) if len(values) >= RULE["min_days"] else None


def proposed_baseline(daily: Mapping[date, float], today: date) -> int | None:
    """The rule's baseline_share of current tolerance, in whole minutes (at least 1); None without data."""
    tol = current_tolerance(daily, today)
    return None if tol is None else max(1, half_up(tol * RULE["baseline_share"]))


def budget_on(baseline: float, start: date, on: date, weekly_increase: float | None = None,
              hold: bool = False) -> int:
    """Today's activity budget in minutes: the baseline grown by `weekly_increase` per full week.

    `hold` keeps the baseline unchanged (for people whose crashes follow any increase).
    Before `start` the baseline applies. Without `weekly_increase`, the rule's default.
    """
    if weekly_increase is None:
        weekly_increase = RULE["default_weekly_increase"]
    weeks = max(0, (on - start).days // 7)
    if hold or weekly_increase <= 0:
        return half_up(baseline)
    return half_up(baseline * (1 + weekly_increase) ** weeks)


def longest_recent(daily: Mapping[date, float], today: date, days: int | None = None) -> float | None:
    """The most active day among the `days` days (the rule's boom_window_days) before today, or None."""
    values = _window(daily, today, days or RULE["boom_window_days"])
    return max(values) if values else None


def acute_chronic_ratio(daily: Mapping[date, float], today: date, minutes_today: float = 0) -> float | None:
    """EWMA 7-day over 28-day activity minutes, with today counted as `minutes_today`.

    None before the engine's ACWR_MIN_DAYS logged days or when the chronic level is under one minute.
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
    """Warn when today's minutes top the longest of the last boom_window_days or lift the ratio above high_ratio."""
    longest = longest_recent(daily, today)
    ratio = acute_chronic_ratio(daily, today, minutes_today)
    above = longest is not None and minutes_today > longest
    high = ratio is not None and ratio > RULE["high_ratio"]
    msg = ""
    if above:
        msg = fill(RULE["boom_message"], {"minutes": minutes_today, "window": RULE["boom_window_days"],
                                         "longest": longest})
    elif high:
        msg = fill(RULE["spike_message"], {"ratio": ratio})
    return BoomCheck(above or high, above, ratio, longest, msg)


def rest_break_after(budget: int) -> int:
    """Minutes of continuous effort after which a rest break is suggested: a share of the budget, clamped."""
    rest = RULE["rest_break"]
    return min(rest["max"], max(rest["min"], int(budget * rest["share"])))
