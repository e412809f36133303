"""Pacing arithmetic: baseline from check-ins, weekly budget, boom-day warning."""
from datetime import date, timedelta

from server.practices.pacing import (acute_chronic_ratio, boom_check, budget_on, current_tolerance,
                                     longest_recent, proposed_baseline, rest_break_after)

TODAY = date(2026, 6, 1)


def days(values, end=TODAY - timedelta(days=1)):
    """Map the given minutes onto consecutive days ending `end` (last value = most recent)."""
    return {end - timedelta(days=len(values) - 1 - i): v for i, v in enumerate(values)}


def test_baseline_is_80_percent_of_median_not_the_boom_days():
    daily = days([30, 30, 30, 120, 30, 30, 30, 150, 30])
    assert current_tolerance(daily, TODAY) == 30
    assert proposed_baseline(daily, TODAY) == 24


def test_no_baseline_with_too_few_days():
    assert proposed_baseline(days([30, 40, 50, 60]), TODAY) is None


def test_today_and_old_days_do_not_count_towards_tolerance():
    daily = days([10] * 6) | {TODAY: 500, TODAY - timedelta(days=40): 500}
    assert current_tolerance(daily, TODAY) == 10


def test_budget_grows_10_percent_per_full_week_or_holds():
    start = date(2026, 5, 1)
    assert budget_on(20, start, start + timedelta(days=6)) == 20
    assert budget_on(20, start, start + timedelta(days=7)) == 22
    assert budget_on(20, start, start + timedelta(days=14)) == 24  # 24.2
    assert budget_on(20, start, start + timedelta(days=70), hold=True) == 20
    assert budget_on(20, start, start - timedelta(days=3)) == 20


def test_boom_above_longest_of_last_30_days():
    daily = days([20] * 20 + [45])
    assert longest_recent(daily, TODAY) == 45
    check = boom_check(daily, TODAY, 50)
    assert check.boom and check.above_longest and "45 min" in check.message
    assert not boom_check(daily, TODAY, 45).above_longest


def test_boom_from_high_acute_chronic_ratio():
    daily = days([10] * 21 + [40] * 6)
    ratio = acute_chronic_ratio(daily, TODAY, 40)
    assert 1.5 < ratio < 1.8  # EWMA: acute ~36, chronic ~22
    check = boom_check(daily, TODAY, 40)
    assert check.boom and not check.above_longest and "busier" in check.message


def test_steady_activity_is_no_boom():
    daily = days([30] * 28)
    check = boom_check(daily, TODAY, 30)
    assert not check.boom and check.ratio == 1.0 and check.message == ""


def test_rest_break_suggestion_is_bounded():
    assert rest_break_after(8) == 10 and rest_break_after(40) == 20 and rest_break_after(200) == 30


def test_ratio_needs_21_logged_days_and_skips_gaps():
    assert acute_chronic_ratio(days([30] * 19), TODAY, 30) is None
    gappy = {d: m for d, m in days([30] * 40).items() if d.day % 2 == 0}
    assert acute_chronic_ratio(gappy, TODAY, 30) == 1.0  # missing days are not rest days
