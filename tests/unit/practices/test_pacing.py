"""Pacing: the shared figures agree with the analysis engine's (the arithmetic itself is pinned
by tests/vectors/pacing.json, run in tests/unit/test_rule_vectors.py and in node)."""
from datetime import date, timedelta

from server.analysis import load
from server.practices import pacing


def test_the_spike_figures_are_the_engines_own():
    """The boom warning and the load score must call the same week a spike."""
    rule = pacing.RULE
    assert rule["high_ratio"] == load.ACWR_SAFE
    assert (rule["acute_span_days"], rule["chronic_span_days"]) == (load.ACWR_ACUTE_DAYS, load.ACWR_CHRONIC_DAYS)
    assert rule["ratio_min_days"] == load.ACWR_MIN_DAYS


def test_every_figure_says_where_it_comes_from():
    rule = pacing.RULE
    for figure in ("baseline_share", "weekly_increase", "tolerance", "ratio", "crash", "rest_break"):
        assert rule[f"{figure}_source"], figure
    assert "own choice" in rule["baseline_share_source"] and "own choice" in rule["weekly_increase_source"]


def test_changing_a_figure_in_the_rule_changes_the_answer(monkeypatch):
    """Each function reads rules/pacing.json when it runs: no copy of a figure is left behind."""
    today = date(2026, 5, 20)
    daily = {today - timedelta(days=i): 30 + i for i in range(1, 26)}
    monkeypatch.setitem(pacing.RULE, "default_weekly_increase", 0.5)
    assert pacing.budget_on(20, today - timedelta(days=7), today) == 30
    monkeypatch.setitem(pacing.RULE, "tolerance_window_days", 3)
    assert pacing.current_tolerance(daily, today) is None  # fewer than min_days in 3 days
    monkeypatch.setitem(pacing.RULE, "min_days", 3)
    assert pacing.current_tolerance(daily, today) == 32
    monkeypatch.setitem(pacing.RULE, "baseline_share", 0.5)
    assert pacing.proposed_baseline(daily, today) == 16
    monkeypatch.setitem(pacing.RULE, "boom_window_days", 2)
    check = pacing.boom_check(daily, today, 40)
    assert check.boom and check.longest == 32 and "of the last 2 days (32 min)" in check.message
    monkeypatch.setitem(pacing.RULE, "high_ratio", 100)
    monkeypatch.setitem(pacing.RULE, "boom_window_days", 30)
    assert not pacing.boom_check(daily, today, 40).boom
